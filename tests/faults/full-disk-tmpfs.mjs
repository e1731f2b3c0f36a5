// A real full disk, not a simulated one: the debug server's SQLite database on a 6 MB tmpfs
// filled to within MARGIN bytes, visitor messages ingested until the server answers 507,
// then room made and 30 more ingested; the database is then checked, FTS5 search index
// included. Not in `make test` (mounting needs root); run by hand:
//   node tests/faults/full-disk-tmpfs.mjs [rounds]    (as root, after `make test-rust`)
// crates/server/tests/faults.rs simulates a full disk with a per-connection page limit; under
// that simulation the first ingest after room is back sometimes left the FTS5 index
// "malformed". On a real full filesystem this script saw no such thing (28 rounds).
import { spawn, execSync, execFileSync } from 'node:child_process';
import { writeFileSync, rmSync, mkdirSync, readdirSync } from 'node:fs';

const dir = '/tmp/atrium-full-disk';
const rounds = Number(process.argv[2] ?? 10);
mkdirSync(dir, { recursive: true });
execSync(`mountpoint -q ${dir} || mount -t tmpfs -o size=6m tmpfs ${dir}`);
let failures = 0;
try {
  for (let round = 0; round < rounds; round += 1) {
    for (const f of readdirSync(dir)) rmSync(`${dir}/${f}`, { force: true });
    const margin = 300_000 + Math.floor(Math.random() * 2_500_000);
    const verdict = await fillAndRecover(round, margin);
    const check = integrity(`${dir}/a.db`);
    if (check !== 'ok') failures += 1;
    console.log(`round ${round}: margin ${margin} B, ${verdict}, database: ${check}`);
  }
} finally {
  execSync(`umount ${dir}`);
}
process.exit(failures ? 1 : 0);

async function fillAndRecover(round, margin) {
  const server = spawn('target/debug/atrium-server', ['--port', '0', '--database-url', `sqlite://${dir}/a.db`, '--seed-demo'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve) => server.stdout.on('data', (d) => {
    const m = String(d).match(/listening on (http:\/\/\S+)/);
    if (m) resolve(m[1]);
  }));
  try {
    const login = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: 'admin@acme.test', password: 'atrium-demo' }) });
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const me = await (await fetch(`${url}/api/v1/me`, { headers: { Cookie: cookie } })).json();
    const ingest = async (n) => (await fetch(`${url}/api/v1/ingest/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer northwind-demo-key' },
      body: JSON.stringify({ org_id: me.org.id, agent_id: me.agents[0].id, external_id: `full-${round}-${n}`, author: 'visitor', text: `Quuxfulldisk question ${n} ${'x'.repeat(500)}`, contact_name: `Full Visitor ${n}` }),
    })).status;
    const free = Number(execSync(`df -B1 --output=avail ${dir} | tail -1`).toString().trim());
    writeFileSync(`${dir}/filler`, Buffer.alloc(Math.max(0, free - margin)));
    let saved = 0;
    let status;
    while ((status = await ingest(saved)) === 200) saved += 1;
    rmSync(`${dir}/filler`);
    const after = [];
    for (let k = 0; k < 30; k += 1) after.push(await ingest(saved + k));
    const ok = after.every((s) => s === 200);
    return `${saved} saved, then ${status}; after room: ${ok ? '30 saved' : after.join(',')}`;
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.on('exit', resolve));
  }
}

function integrity(db) {
  const py = `import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
r = c.execute('PRAGMA integrity_check').fetchone()[0]
try:
    c.execute("INSERT INTO conversation_search (conversation_search) VALUES ('integrity-check')")
except sqlite3.Error as e:
    r = f'search index: {e}'
print(r)`;
  return execFileSync('python3', ['-c', py, db]).toString().trim();
}

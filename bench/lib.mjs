// Helpers of `make bench`: servers, sign-in, statistics, formatting.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

export const DEMO_PASSWORD = 'atrium-demo';

/** CPU seconds process `pid` has used (Linux `/proc`, clock ticks of 1/100 s). */
function cpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * Waits until process `pid` uses under 2% of a core over `window` ms, for at most `limit` ms;
 * answers the seconds waited. The window must outlast the server's own pause before
 * background work (the search upkeep waits 2 s after the last write).
 */
export async function untilIdle(pid, { window = 5000, limit = 1_800_000 } = {}) {
  const start = Date.now();
  for (;;) {
    const before = cpuSeconds(pid);
    await sleep(window);
    if (cpuSeconds(pid) - before < 0.02 * (window / 1000)) return (Date.now() - start) / 1000;
    if (Date.now() - start > limit) throw new Error(`process ${pid} still busy after ${limit / 1000} s`);
  }
}

/** Starts atrium-server on a free port; resolves `{ url, stop }` once it listens. */
export async function startServer(bin, args, label) {
  const child = spawn(bin, ['--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, RUST_LOG: 'warn' },
  });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr = (stderr + d).slice(-20_000); });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${label}: server did not start:\n${stderr}`)), 60_000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/\S+)/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`${label}: server exited ${code}:\n${stderr}`)); });
  });
  child.stdout.resume();
  return {
    url,
    pid: child.pid,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode !== null) return;
      child.removeAllListeners('exit');
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
    },
  };
}

/** Signs in through the API; returns the cookies as a `Cookie` header value and as a map. */
export async function login(baseUrl, email, password = DEMO_PASSWORD) {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
  const cookies = {};
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(';');
    const i = pair.indexOf('=');
    cookies[pair.slice(0, i)] = pair.slice(i + 1);
  }
  const header = Object.entries(cookies).map(([k, v]) => `${k}=${v}`).join('; ');
  return { cookies, header, csrf: cookies.atrium_csrf };
}

export async function getJson(baseUrl, path, session) {
  const res = await fetch(`${baseUrl}${path}`, { headers: { Cookie: session.header } });
  if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

export function median(xs) {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return null;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export const kb = (bytes) => (bytes == null ? 'n/a' : `${(bytes / 1000).toFixed(1)} KB`);
export const ms = (x) => (x == null ? 'n/a' : `${Math.round(x)} ms`);
export const mb = (bytes) => (bytes == null ? 'n/a' : `${(bytes / 1e6).toFixed(2)} MB`);
export const num = (x, digits = 0) => (x == null ? 'n/a' : Number(x).toFixed(digits));

/** A markdown table from a header row and rows. */
export function table(header, rows) {
  const line = (cells) => `| ${cells.map((c) => String(c ?? '')).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

export function log(...args) {
  console.error(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...args);
}

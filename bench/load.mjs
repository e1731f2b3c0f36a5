// Seeding through the real API under concurrent load (the ingest figure), and p50/p99
// latency of list and search requests on loopback, with autocannon.
import autocannon from 'autocannon';

const FIRST = ['Maria', 'Tom', 'Lena', 'Rosa', 'Omar', 'Yuki', 'Ivan', 'Chen', 'Ada', 'Noor', 'Luis', 'Eva', 'Sam', 'Ines', 'Kofi', 'Mila'];
const LAST = ['Lopez', 'Baker', 'Park', 'Diaz', 'Haddad', 'Sato', 'Petrov', 'Wang', 'Okafor', 'Khan', 'Silva', 'Novak', 'Reed', 'Costa', 'Mensah', 'Berg'];
const TOPICS = ['opening hours', 'an appointment', 'my invoice', 'a refund', 'parking', 'insurance', 'a cleaning', 'the x-ray'];
const WORDS = ['Alpha', 'Bravo', 'Clinic', 'Dental', 'Realty', 'Legal', 'Studio', 'Garage', 'Bakery', 'Fitness'];

/** What the searches look for: rare on purpose (1 org in 100, 1 conversation in 1,000). */
export const ORG_NEEDLE = 'Zephyr';
export const CONTACT_NEEDLE = 'Zephyrine';

export function orgName(i) {
  const word = i % 100 === 1 ? ORG_NEEDLE : WORDS[i % WORDS.length];
  return `Org ${String(i).padStart(5, '0')} ${word}`;
}

export function contactName(i) {
  if (i % 1000 === 1) return `Quentin ${CONTACT_NEEDLE}`;
  return `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]}`;
}

function summary(r) {
  const ok = r['2xx'];
  return {
    requests: r.requests.total,
    ok,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    seconds: r.duration,
    per_second: ok / r.duration,
    latency_ms: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max, mean: r.latency.average },
  };
}

async function run(opts) {
  const result = await autocannon({ timeout: 30, ...opts });
  return summary(result);
}

/**
 * `count` new orgs through POST /api/v1/orgs as the agency's owner (session + CSRF), numbered
 * after `first` (the orgs the agency already holds: their names are taken).
 */
export async function seedOrgs(baseUrl, session, count, connections, first = 0) {
  let n = first;
  return run({
    url: baseUrl,
    connections,
    amount: count,
    requests: [{
      method: 'POST',
      path: '/api/v1/orgs',
      headers: { 'Content-Type': 'application/json', Cookie: session.header, 'X-CSRF-Token': session.csrf },
      setupRequest: (req) => {
        n += 1;
        return { ...req, body: JSON.stringify({ name: orgName(n), contact_email: `hello${n}@example.test` }) };
      },
    }],
  });
}

/**
 * `count` new conversations (one visitor message each) through POST /api/v1/ingest/messages,
 * numbered after the `first` the database already holds.
 */
export async function ingest(baseUrl, apiKey, orgId, agentIds, count, connections, first = 0) {
  let n = first;
  return run({
    url: baseUrl,
    connections,
    amount: count,
    requests: [{
      method: 'POST',
      path: '/api/v1/ingest/messages',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${apiKey}` },
      setupRequest: (req) => {
        n += 1;
        const body = {
          org_id: orgId,
          agent_id: agentIds[n % agentIds.length],
          external_id: `bench-${n}`,
          author: 'visitor',
          text: `Hello, a question (${n}) about ${TOPICS[n % TOPICS.length]}.`,
          contact_name: contactName(n),
        };
        return { ...req, body: JSON.stringify(body) };
      },
    }],
  });
}

/**
 * GET `path` for `seconds` with `connections` concurrent connections, after a short warm-up;
 * then a few seconds with one connection: the cost of one request without queueing.
 */
export async function readLoad(baseUrl, path, session, seconds, connections) {
  const headers = { Cookie: session.header, Accept: 'application/json' };
  await run({ url: baseUrl + path, headers, connections: 2, amount: 20 });
  const loaded = await run({ url: baseUrl + path, headers, connections, duration: seconds });
  const single = await run({ url: baseUrl + path, headers, connections: 1, duration: Math.max(2, Math.round(seconds / 3)) });
  return { ...loaded, single_connection: { per_second: single.per_second, latency_ms: single.latency_ms } };
}

// Headless Chromium over the DevTools Protocol (Playwright): bytes on the wire, cold load
// to first meaningful content at 1x and 4x CPU, JS heap (and wasm memory) after load, and
// keystroke-to-updated-list time.
import { chromium } from 'playwright-core';
import { median } from './lib.mjs';

export const CHROMIUM = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';

export const CHROME_FLAGS = [
  '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic',
  '--disable-extensions', '--disable-default-apps',
];

export function launch() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROME_FLAGS });
}

// Runs in the page before its own scripts: records when an element matching
// `probe.selector` (whose text includes `probe.text`, when given) first appears, and keeps
// every WebAssembly.Memory the page instantiates (not part of the JS heap).
function pageProbe(probe) {
  window.__bench = { t: null, memories: [] };
  const keep = (result) => {
    const instance = result.instance ?? result;
    for (const v of Object.values(instance.exports ?? {})) {
      if (v instanceof WebAssembly.Memory) window.__bench.memories.push(v);
    }
    return result;
  };
  for (const name of ['instantiate', 'instantiateStreaming']) {
    const original = WebAssembly[name];
    if (original) WebAssembly[name] = (...args) => original.apply(WebAssembly, args).then(keep);
  }
  const ready = () => [...document.querySelectorAll(probe.selector)]
    .some((el) => !probe.text || el.textContent.includes(probe.text));
  const check = () => {
    if (window.__bench.t === null && ready()) {
      window.__bench.t = performance.now();
      observer.disconnect();
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, characterData: true });
}

/** A fresh context (empty cache) carrying `cookies` for `baseUrl`. */
async function coldContext(browser, baseUrl, cookies) {
  const context = await browser.newContext();
  if (cookies) {
    const { hostname } = new URL(baseUrl);
    await context.addCookies(Object.entries(cookies).map(([name, value]) => ({ name, value, domain: hostname, path: '/' })));
  }
  return context;
}

function kindOf(url, mime) {
  if (mime.includes('wasm') || url.endsWith('.wasm')) return 'wasm';
  if (mime.includes('javascript') || /\.m?js(\?|$)/.test(url)) return 'js';
  if (mime.includes('css') || url.endsWith('.css')) return 'css';
  if (mime.includes('html')) return 'html';
  if (url.includes('/api/')) return 'api';
  return 'other';
}

/**
 * Bytes on the wire for one cold load of `url` until `probe` holds and the network is idle:
 * Network.loadingFinished encodedDataLength (compressed body plus response headers), by kind.
 */
export async function transfer(browser, { url, cookies, probe }) {
  const context = await coldContext(browser, url, cookies);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const requests = new Map();
  cdp.on('Network.responseReceived', ({ requestId, response }) => {
    const enc = Object.entries(response.headers).find(([k]) => k.toLowerCase() === 'content-encoding')?.[1] ?? 'identity';
    requests.set(requestId, { url: response.url, kind: kindOf(response.url, response.mimeType), encoding: enc, bytes: 0 });
  });
  cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => {
    const r = requests.get(requestId);
    if (r) r.bytes = encodedDataLength;
  });
  await page.addInitScript(pageProbe, probe);
  await page.goto(url);
  await page.waitForFunction(() => window.__bench.t !== null, null, { timeout: 60_000 });
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300);
  // Only what was requested before the page was usable: code the app fetches ahead for the
  // next pages once idle is not part of this page's first load.
  const before = new Set(await page.evaluate(() => performance.getEntriesByType('resource')
    .filter((e) => e.startTime <= window.__bench.t).map((e) => e.name)));
  const navigation = page.url();
  for (const [id, r] of requests) if (!before.has(r.url) && r.url !== navigation && r.kind !== 'html') requests.delete(id);
  const byKind = {};
  for (const r of requests.values()) byKind[r.kind] = (byKind[r.kind] ?? 0) + r.bytes;
  const client = (byKind.wasm ?? 0) + (byKind.js ?? 0) + (byKind.css ?? 0);
  const files = [...requests.values()].filter((r) => ['wasm', 'js', 'css'].includes(r.kind))
    .map((r) => ({ path: new URL(r.url).pathname, kind: r.kind, encoding: r.encoding, bytes: r.bytes }));
  await context.close();
  return { client_bytes: client, total_bytes: Object.values(byKind).reduce((a, b) => a + b, 0), by_kind: byKind, files };
}

/**
 * Cold loads until each page's `probe` holds, `runs` times at each CPU slowdown, the pages
 * interleaved (run 1: A, B, C; run 2: C, B, A; …) so that no app gets the machine's quieter
 * or busier minutes: per page, the median time from navigation start, and (at 1x) the JS
 * heap and wasm memory after load and a GC.
 */
export async function coldLoads(browser, pages, { runs, rates = [1, 4] }) {
  const names = Object.keys(pages);
  const samples = Object.fromEntries(names.map((n) => [n, {}]));
  for (const rate of rates) {
    for (let i = 0; i < runs; i += 1) {
      for (const name of i % 2 === 0 ? names : [...names].reverse()) {
        const one = await coldLoad(browser, pages[name], rate);
        const s = samples[name];
        (s[rate] ??= { times: [], heaps: [], wasm: [] }).times.push(one.ms);
        if (rate === 1) {
          s[rate].heaps.push(one.heap);
          s[rate].wasm.push(one.wasm);
        }
      }
    }
  }
  return Object.fromEntries(names.map((name) => {
    const out = {};
    for (const rate of rates) {
      const s = samples[name][rate];
      out[`x${rate}`] = { median_ms: median(s.times), runs_ms: s.times.map(Math.round) };
      if (rate === 1) {
        out.js_heap_bytes = median(s.heaps);
        out.wasm_memory_bytes = median(s.wasm);
      }
    }
    return [name, out];
  }));
}

async function coldLoad(browser, { url, cookies, probe }, rate) {
  const context = await coldContext(browser, url, cookies);
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    await page.addInitScript(pageProbe, probe);
    await page.goto(url);
    await page.waitForFunction(() => window.__bench.t !== null, null, { timeout: 120_000, polling: 100 });
    const ms = await page.evaluate(() => window.__bench.t);
    if (rate !== 1) return { ms };
    await page.waitForLoadState('networkidle');
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('Performance.enable');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const heap = metrics.find((m) => m.name === 'JSHeapUsedSize').value;
    const wasm = await page.evaluate(() => window.__bench.memories.reduce((a, m) => a + m.buffer.byteLength, 0));
    return { ms, heap, wasm };
  } finally {
    await context.close();
  }
}

/**
 * Keystroke to updated list: on a warm, signed-in page showing the list, types `query` into
 * `inputSelector` key by key and measures from the last key's input event until every row of
 * `rowsSelector` contains the query (the app's search debounce included).
 */
export async function keystrokeToList(browser, { url, cookies, readyProbe, inputSelector, rowsSelector, query, runs }) {
  const context = await coldContext(browser, url, cookies);
  const times = [];
  for (let i = 0; i < runs; i += 1) {
    const page = await context.newPage();
    await page.addInitScript(pageProbe, readyProbe);
    await page.goto(url);
    await page.waitForFunction(() => window.__bench.t !== null, null, { timeout: 60_000 });
    await page.waitForLoadState('networkidle');
    await page.evaluate(({ inputSelector, rowsSelector, query }) => {
      const k = { t0: null, t1: null };
      window.__keys = k;
      const q = query.toLowerCase();
      const done = () => {
        const rows = [...document.querySelectorAll(rowsSelector)];
        return rows.length > 0 && rows.every((r) => r.textContent.toLowerCase().includes(q));
      };
      document.querySelector(inputSelector).addEventListener('input', () => { k.t0 = performance.now(); k.t1 = null; }, true);
      new MutationObserver(() => {
        if (k.t0 !== null && k.t1 === null && document.querySelector(inputSelector).value === query && done()) {
          k.t1 = performance.now();
        }
      }).observe(document.body, { childList: true, subtree: true, characterData: true });
    }, { inputSelector, rowsSelector, query });
    await page.locator(inputSelector).pressSequentially(query, { delay: 40 });
    await page.waitForFunction(() => window.__keys.t1 !== null, null, { timeout: 20_000, polling: 50 });
    times.push(await page.evaluate(() => window.__keys.t1 - window.__keys.t0));
    await page.close();
  }
  await context.close();
  return { median_ms: median(times), runs_ms: times.map(Math.round) };
}

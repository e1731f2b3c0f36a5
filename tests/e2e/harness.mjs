// End-to-end harness: the real server (built binary, fresh SQLite with the demo seed,
// the built dist/) on a free port, and one real headless Chromium per test file.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { before, after } from 'node:test';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const serverBin = process.env.ATRIUM_SERVER_BIN ?? join(root, 'target', 'debug', 'atrium-server');
const distDir = process.env.ATRIUM_DIST ?? join(root, 'dist');

export const DEMO_PASSWORD = 'atrium-demo';

/** Translated strings, read from the locale files instead of hard-coding them. */
export function locale(lang) {
  const json = JSON.parse(readFileSync(join(root, 'locales', `${lang}.json`), 'utf8'));
  const t = (key, vars = {}) => {
    let text = key.split('.').reduce((node, part) => node?.[part], json);
    // A counted string: its CLDR plural forms, the one for `count` chosen as the app does.
    if (text && typeof text === 'object' && 'other' in text) text = text[new Intl.PluralRules(lang).select(Number(vars.count))];
    if (typeof text !== 'string') throw new Error(`no string ${key} in ${lang}.json`);
    return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name) => String(vars[name]));
  };
  return t;
}

/**
 * Starts a server on a free port over a fresh database; resolves once it listens.
 * `args` are more flags for it (e.g. `['--allowed-origin', origin]`).
 */
export async function startServer({ args = [] } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'atrium-e2e-'));
  const { url, child, output } = await spawnServer(dir, 0, args);
  return {
    url,
    /** Everything the server printed so far (the console mail sender writes there). */
    output,
    async stop() {
      await stopChild(child, 'SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A server that a test can kill (SIGKILL: no graceful shutdown, as on a crash or an OOM
 * kill) and start again on the same port over the same database file.
 */
export async function startRestartableServer() {
  const dir = mkdtempSync(join(tmpdir(), 'atrium-e2e-'));
  let { url, child } = await spawnServer(dir, 0);
  const port = Number(new URL(url).port);
  return {
    url,
    async kill() {
      await stopChild(child, 'SIGKILL');
      child = null;
    },
    async restart() {
      if (child) await stopChild(child, 'SIGKILL');
      ({ child } = await spawnServer(dir, port));
    },
    async stop() {
      if (child) await stopChild(child, 'SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function stopChild(child, signal) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill(signal);
  await exited;
}

/** The server over `dir`/atrium.db on `port` (0: a free one), with the demo seed when empty. */
async function spawnServer(dir, port, args = []) {
  const child = spawn(
    serverBin,
    ['--port', String(port), '--database-url', `sqlite://${join(dir, 'atrium.db')}`, '--dist', distDir, '--seed-demo', ...args],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, RUST_LOG: 'warn' } },
  );
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  let out = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${stderr}`)), 30_000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/\S+)/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited ${code}:\n${stderr}`)); });
  });
  return { url, child, output: () => out };
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_BIN ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic',
    ],
  });
}

/** Fills the login form as a person would: by the fields' labels. */
export async function signIn(page, baseUrl, email, password = DEMO_PASSWORD, t = locale('en')) {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel(t('login.email')).fill(email);
  await page.getByLabel(t('login.password')).fill(password);
  await page.getByRole('button', { name: t('login.submit') }).click();
}

/** Opens the actions menu of `name`'s table row ("Actions for Andy Agent") unless it is open. */
export async function openRowMenu(page, name, t = locale('en')) {
  const button = page.getByRole('button', { name: t('row.actions_for', { name }) });
  if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
}

/**
 * One server and one browser for the calling test file, started before its tests and
 * stopped after them. Read `ctx.server` and `ctx.browser` inside tests. With
 * `restartable`, `ctx.server` also has `kill()` and `restart()` (see startRestartableServer).
 */
export function useServerAndBrowser({ restartable = false } = {}) {
  const ctx = { server: null, browser: null };
  before(async () => {
    ctx.server = restartable ? await startRestartableServer() : await startServer();
    ctx.browser = await launchBrowser();
  });
  after(async () => {
    await ctx.browser?.close();
    await ctx.server?.stop();
  });
  return ctx;
}

/** Changes an org's settings the way its agency's owner would: through the API, with CSRF. */
export async function setOrgSettings(ctx, orgQuery, change) {
  const page = await (await ctx.browser.newContext()).newPage();
  await signIn(page, ctx.server.url, 'owner@northwind.test');
  await page.waitForURL(`${ctx.server.url}/agency/orgs`);
  const status = await page.evaluate(async ({ orgQuery, change }) => {
    const csrf = document.cookie.split('; ').find((c) => c.startsWith('atrium_csrf=')).split('=')[1];
    const org = (await (await fetch(`/api/v1/orgs?q=${encodeURIComponent(orgQuery)}`)).json()).items[0];
    const body = {
      name: org.name, contact_email: org.contact_email, logo_url: org.logo_url,
      settings: { ...org.settings, ...change }, version: org.version,
    };
    const res = await fetch(`/api/v1/orgs/${org.id}`, {
      method: 'PUT', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf }, body: JSON.stringify(body),
    });
    return res.status;
  }, { orgQuery, change });
  await page.context().close();
  if (status !== 200) throw new Error(`saving ${orgQuery}'s settings answered ${status}`);
}

/**
 * Every page of the agency console, as [path, ready] pairs: `ready(page)` is a locator that
 * shows the page's real content is drawn (null: its heading is enough). `orgIds`: the orgs
 * whose tabs to include.
 */
export function consolePages(t, orgIds) {
  const pages = [
    ['/agency/orgs', (p) => p.getByRole('link', { name: 'Acme Dental' })],
    ['/agency/orgs/new', (p) => p.getByLabel(t('org_new.name'))],
    ['/agency/agents', (p) => p.getByText('Support Bot')],
    ['/agency/branding', null],
    ['/agency/plans', null],
    ['/agency/staff', (p) => p.getByText('Nadia Owner')],
    ['/agency/integrations', null],
  ];
  for (const id of orgIds) {
    pages.push(
      [`/agency/orgs/${id}`, (p) => p.getByLabel(t('settings.language'))],
      [`/agency/orgs/${id}/agents`, (p) => p.getByRole('checkbox', { name: 'Support Bot' })],
      [`/agency/orgs/${id}/users`, (p) => p.getByRole('heading', { name: t('users.title') })],
      [`/agency/orgs/${id}/teams`, (p) => p.getByRole('heading', { name: t('teams.title') })],
      [`/agency/orgs/${id}/rules`, (p) => p.getByRole('heading', { name: t('integrations.rules_title') })],
      [`/agency/orgs/${id}/billing`, (p) => p.getByRole('heading', { name: t('billing.title') })],
      [`/agency/orgs/${id}/activity`, (p) => p.getByRole('heading', { name: t('activity.title') })],
    );
  }
  return pages;
}

/** Every page of the client dashboard, as [path, ready] pairs (see consolePages), with
 * the conversations `conversationIds`. */
export function dashboardPages(t, conversationIds) {
  const pages = [
    ['/app', (p) => p.getByRole('heading', { name: t('dashboard.agents_title') })],
    ['/app/conversations', (p) => p.locator('main table, main .empty')],
    ['/app/canned', null],
    ['/app/analytics', null],
    ['/app/team', null],
    ['/app/billing', null],
  ];
  for (const id of conversationIds) {
    pages.push([`/app/conversations/${id}`, (p) => p.getByRole('heading', { name: t('conversation.transcript') })]);
  }
  return pages;
}

const axePath = join(root, 'node_modules', 'axe-core', 'axe.min.js');
/** The WCAG 2.0, 2.1 and 2.2 level A and AA rules: what Atrium promises. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * Runs axe-core on the page as it is now and throws a readable list when any WCAG 2.2
 * A/AA rule is violated (and, with `extraTags: ['best-practice']`, any of axe's best
 * practices: landmarks, heading order, one level-1 heading...). Wait for the page's real
 * content before calling it.
 */
export async function expectNoAxeViolations(page, label, { extraTags = [] } = {}) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    // Evaluated, not added as a <script>: the page's CSP rightly refuses inline scripts.
    await page.evaluate(readFileSync(axePath, 'utf8'));
  }
  const violations = await page.evaluate(async (tags) => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    if (result.passes.length === 0) return [{ id: 'axe-did-not-run', impact: 'critical', help: 'axe checked nothing', helpUrl: '', nodes: [] }];
    return result.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
    }));
  }, [...AXE_TAGS, ...extraTags]);
  if (violations.length === 0) return;
  const lines = violations.flatMap((v) => [
    `- ${v.id} (${v.impact}): ${v.help} <${v.helpUrl}>`,
    ...v.nodes.slice(0, 8).map((n) => `    at ${n.target}\n      ${(n.summary ?? '').replace(/\n/g, '\n      ')}`),
    ...(v.nodes.length > 8 ? [`    ... and ${v.nodes.length - 8} more`] : []),
  ]);
  throw new Error(`${label} (${page.url()}): ${violations.length} axe violation(s)\n${lines.join('\n')}`);
}

/**
 * Tabs through the whole page from its start and throws unless every visible control
 * (links, buttons, fields, summaries) was reached, each showing a focus ring: nothing
 * on the page needs the mouse.
 */
export async function expectAllControlsReachableByTab(page, label, { max = 250 } = {}) {
  // A modal dialog open makes the rest of the page inert: then the dialog is the page.
  await page.evaluate(() => {
    const start = document.createElement('span');
    start.id = 'tab-walk-start';
    start.tabIndex = -1;
    (document.querySelector('dialog:modal') ?? document.body).prepend(start);
    start.focus();
    for (const el of document.querySelectorAll('[data-tab-walk]')) delete el.dataset.tabWalk;
  });
  const noRing = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const step = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body || el.id === 'tab-walk-start') return { end: true };
      if (el.dataset.tabWalk) return { end: true };
      el.dataset.tabWalk = '1';
      const style = getComputedStyle(el);
      const ring = el.matches(':focus-visible') && style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
      return { end: false, ring, what: `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} "${(el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 30)}"` };
    });
    if (step.end) break;
    if (!step.ring) noRing.push(step.what);
  }
  const missed = await page.evaluate(() => {
    document.getElementById('tab-walk-start')?.remove();
    const controls = 'a[href], button, input:not([type="hidden"]), select, textarea, summary, [tabindex]:not([tabindex="-1"])';
    const reachedRadioGroups = new Set(
      [...document.querySelectorAll('input[type="radio"][data-tab-walk]')].map((r) => r.name),
    );
    const missed = [...(document.querySelector('dialog:modal') ?? document).querySelectorAll(controls)]
      .filter((el) => !el.disabled && !el.closest('[inert]') && el.checkVisibility({ visibilityProperty: true }))
      .filter((el) => !el.dataset.tabWalk)
      .filter((el) => !(el.type === 'radio' && reachedRadioGroups.has(el.name)))
      .map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} "${(el.textContent || el.getAttribute('aria-label') || el.name || '').trim().slice(0, 30)}"`);
    for (const el of document.querySelectorAll('[data-tab-walk]')) delete el.dataset.tabWalk;
    return missed;
  });
  const problems = [
    ...missed.map((m) => `not reachable with Tab: ${m}`),
    ...noRing.map((m) => `no visible focus ring: ${m}`),
  ];
  if (problems.length) throw new Error(`${label} (${page.url()}): keyboard problems\n  ${problems.join('\n  ')}`);
}

/**
 * A built client (`root`, default dist/) on a plain static file server that is not
 * atrium-server, as a CDN would serve it: files as they are, `index.html` for any path
 * without a file, the page with the headers of `_headers`. `base` serves it under a
 * sub-path. Resolves `{ url, close() }`.
 */
export async function startStaticServer({ base = '/', root = distDir, host = '127.0.0.1' } = {}) {
  const { createServer } = await import('node:http');
  const { existsSync, statSync } = await import('node:fs');
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png' };
  const headersFile = join(root, '_headers');
  // The first block of _headers (`<base>/*`): what every page of the site gets. Read on
  // each request, as a deployment may write it after the server started.
  const pageHeaders = () => {
    const headers = {};
    if (!existsSync(headersFile)) return headers;
    for (const line of readFileSync(headersFile, 'utf8').split('\n\n')[0].split('\n').slice(1)) {
      const at = line.indexOf(':');
      headers[line.slice(0, at).trim()] = line.slice(at + 1).trim();
    }
    return headers;
  };
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (!path.startsWith(base)) { res.writeHead(404).end(); return; }
    const rel = path.slice(base.length);
    let file = join(root, rel);
    if (!file.startsWith(root) || !existsSync(file) || statSync(file).isDirectory()) {
      if (rel.split('/').pop().includes('.')) { res.writeHead(404).end(); return; }
      file = join(root, 'index.html');
    }
    const ext = file.slice(file.lastIndexOf('.'));
    // The page gets the headers dist/_headers gives it, as a static host reading it would.
    const extra = ext === '.html' ? pageHeaders() : {};
    res.writeHead(200, { 'Content-Type': types[ext] ?? 'application/octet-stream', ...extra }).end(readFileSync(file));
  });
  await new Promise((r) => server.listen(0, host, r));
  const url = `http://${host === '127.0.0.1' ? 'localhost' : host}:${server.address().port}`;
  return { url, close: () => new Promise((r) => server.close(r)) };
}

/**
 * dist/ deployed as the README says for a CDN: a copy on a plain static server, the API
 * (a server of its own) allowing that page's origin, `config.json` as `configFor(apiUrl)`
 * answers, then the page's `_headers` written for it. Resolves
 * `{ dir, site, api, config, close() }`.
 */
export async function deployToStaticHost(configFor) {
  const dir = mkdtempSync(join(tmpdir(), 'atrium-cdn-'));
  cpSync(distDir, dir, { recursive: true });
  const site = await startStaticServer({ root: dir });
  const api = await startServer({ args: ['--allowed-origin', site.url] });
  const config = configFor(api.url);
  writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
  execFileSync('node', [join(root, 'scripts', 'page-headers.mjs'), dir]);
  return {
    dir, site, api, config,
    async close() {
      await site.close();
      await api.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

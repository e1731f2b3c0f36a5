// End-to-end harness: the real server (built binary, fresh SQLite with the demo seed,
// the built dist/) on a free port, and one real headless Chromium per test file.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
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
    const text = key.split('.').reduce((node, part) => node?.[part], json);
    if (typeof text !== 'string') throw new Error(`no string ${key} in ${lang}.json`);
    return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name) => String(vars[name]));
  };
  return t;
}

/** Starts a server on a free port over a fresh database; resolves once it listens. */
export async function startServer() {
  const dir = mkdtempSync(join(tmpdir(), 'atrium-e2e-'));
  const { url, child } = await spawnServer(dir, 0);
  return {
    url,
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
async function spawnServer(dir, port) {
  const child = spawn(
    serverBin,
    ['--port', String(port), '--database-url', `sqlite://${join(dir, 'atrium.db')}`, '--dist', distDir, '--seed-demo'],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, RUST_LOG: 'warn' } },
  );
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${stderr}`)), 30_000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/\S+)/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited ${code}:\n${stderr}`)); });
  });
  return { url, child };
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

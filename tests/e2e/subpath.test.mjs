// A client built for a sub-path (PUBLIC_URL=/dashboard/, into target/dist-subpath by
// `make test`) on a plain static server, with the security headers its _headers file
// gives, against the API on another origin: deep links and reloads, sign in, navigation,
// "Log in as", and sign out all stay under /dashboard/.
import test, { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser, startServer, startStaticServer, signIn, locale, openRowMenu } from './harness.mjs';

const t = locale('en');
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = join(root, 'target', 'dist-subpath');
let api;
let site;
let browser;

before(async () => {
  assert.ok(existsSync(join(dist, 'index.html')), 'build it first: PUBLIC_URL=/dashboard/ DIST_DIR=target/dist-subpath scripts/build-client.sh release');
  site = await startStaticServer({ base: '/dashboard/', root: dist });
  api = await startServer({ args: ['--allowed-origin', site.url] });
  // What a deployer does: name the API in config.json, then write the page's headers for it.
  writeFileSync(join(dist, 'config.json'), JSON.stringify({ api_base: api.url.replace('127.0.0.1', 'localhost') }));
  execFileSync('node', [join(root, 'scripts', 'page-headers.mjs'), dist, '/dashboard/']);
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await site?.close();
  await api?.stop();
});

test('under /dashboard/: deep links, sign in, navigation, Log in as, sign out', async () => {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective));
  });
  const page = await context.newPage();
  const base = `${site.url}/dashboard`;
  // A deep link, signed out: sign in, then back where it pointed.
  const response = await page.goto(`${base}/agency/orgs?q=acme`);
  const csp = response.headers()['content-security-policy'] ?? '';
  assert.match(csp, /'sha256-/, 'the _headers file applies');
  assert.match(csp, /connect-src 'self' http:\/\/localhost:\d+/, 'the API from config.json may be called');
  await page.waitForURL(/\/dashboard\/login/);
  await page.getByLabel(t('login.email')).fill('owner@northwind.test');
  await page.getByLabel(t('login.password')).fill('atrium-demo');
  await page.getByRole('button', { name: t('login.submit') }).click();
  await page.waitForURL(`${base}/agency/orgs?q=acme`);
  const table = page.getByRole('table', { name: t('orgs.title') });
  await table.getByRole('rowheader', { name: 'Acme Dental' }).waitFor();

  // Navigation and a reload stay under the base path.
  await page.getByRole('navigation', { name: t('common.main_navigation') }).getByRole('link', { name: t('console.nav_agents') }).click();
  await page.waitForURL(`${base}/agency/agents`);
  await page.reload();
  await page.getByRole('heading', { name: t('agents.title') }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/dashboard/agency/agents');

  // "Log in as" and back.
  await page.goto(`${base}/agency/orgs`);
  await page.getByRole('link', { name: 'Acme Dental' }).click();
  await page.getByRole('navigation', { name: t('org.tabs_label') }).getByRole('link', { name: t('org.tab_users') }).click();
  await openRowMenu(page, 'Alice Acme', t);
  await page.getByRole('button', { name: t('users.log_in_as', { name: 'Alice Acme' }) }).click();
  await page.waitForURL(`${base}/app`);
  await page.getByText(t('impersonation.banner', { org: 'Acme Dental', user: 'Alice Acme', staff: 'Nadia Owner' })).waitFor();
  await page.getByRole('button', { name: t('impersonation.back') }).click();
  await page.waitForURL(`${base}/agency/orgs`);
  await table.getByRole('rowheader', { name: 'Acme Dental' }).waitFor();

  await page.getByRole('button', { name: t('common.sign_out') }).click();
  await page.waitForURL(/\/dashboard\/login/);
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  await context.close();
});

test('under /dashboard/, a German browser gets its strings from the sub-path', async () => {
  const de = locale('de');
  const context = await browser.newContext({ locale: 'de-DE' });
  const page = await context.newPage();
  const tables = [];
  page.on('response', (r) => { if (r.url().includes('/i18n/')) tables.push([new URL(r.url()).pathname, r.status()]); });
  await page.goto(`${site.url}/dashboard/login`);
  await page.getByRole('button', { name: de('login.submit') }).waitFor();
  assert.equal(tables.length, 1, JSON.stringify(tables));
  assert.match(tables[0][0], /^\/dashboard\/i18n\/de-[0-9a-f]{16}\.json$/);
  assert.equal(tables[0][1], 200);
  await context.close();
});

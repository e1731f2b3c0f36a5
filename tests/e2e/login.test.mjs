// Signing in through the real form, in real Chromium, against the real server.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useServerAndBrowser, signIn, locale } from './harness.mjs';

const t = locale('en');
const ctx = useServerAndBrowser();

async function freshPage() {
  const context = await ctx.browser.newContext();
  return context.newPage();
}

test('the login page wears the agency brand, not Atrium', async () => {
  const page = await freshPage();
  await page.goto(`${ctx.server.url}/login`);
  await page.getByRole('heading', { name: t('login.welcome', { brand: 'Northwind Agency' }) }).waitFor();
  assert.equal(await page.title(), t('login.welcome', { brand: 'Northwind Agency' }));
  assert.doesNotMatch(await page.locator('body').innerText(), /atrium/i);
  await page.context().close();
});

test('the agency owner signs in and sees the organization list', async () => {
  const page = await freshPage();
  await signIn(page, ctx.server.url, 'owner@northwind.test');
  await page.waitForURL(`${ctx.server.url}/agency/orgs`);
  await page.getByRole('heading', { name: t('orgs.title') }).waitFor();
  const table = page.getByRole('table', { name: t('orgs.title') });
  await table.getByRole('rowheader', { name: 'Acme Dental' }).waitFor();
  assert.equal(await table.getByRole('rowheader', { name: 'Initech' }).count(), 0, 'another agency leaks in');
  await page.context().close();
});

test('a wrong password shows a clear error and stays on the login page', async () => {
  const page = await freshPage();
  await signIn(page, ctx.server.url, 'owner@northwind.test', 'not-the-password');
  await page.getByRole('alert').filter({ hasText: t('errors.invalid_credentials') }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/login');
  assert.equal(await page.getByLabel(t('login.email')).inputValue(), 'owner@northwind.test');
  await page.context().close();
});

test('empty fields are flagged next to each field without a request', async () => {
  const page = await freshPage();
  await page.goto(`${ctx.server.url}/login`);
  await page.getByRole('button', { name: t('login.submit') }).click();
  const email = page.getByLabel(t('login.email'));
  await page.locator('#login-email-error').filter({ hasText: t('errors.field_required') }).waitFor();
  assert.equal(await email.getAttribute('aria-invalid'), 'true');
  await page.context().close();
});

test('a deep link reloads to the same page, after signing in if needed', async () => {
  const page = await freshPage();
  await page.goto(`${ctx.server.url}/agency/orgs?q=globex`);
  await page.waitForURL(/\/login\?next=/);
  await page.getByLabel(t('login.email')).fill('owner@northwind.test');
  await page.getByLabel(t('login.password')).fill('atrium-demo');
  await page.getByRole('button', { name: t('login.submit') }).click();
  await page.waitForURL(`${ctx.server.url}/agency/orgs?q=globex`);
  const table = page.getByRole('table', { name: t('orgs.title') });
  await table.getByRole('rowheader', { name: 'Globex Realty' }).waitFor();
  await page.reload();
  await table.getByRole('rowheader', { name: 'Globex Realty' }).waitFor();
  assert.equal(await table.getByRole('rowheader', { name: 'Acme Dental' }).count(), 0);
  assert.equal(await page.getByLabel(t('orgs.search')).inputValue(), 'globex');
  await page.context().close();
});

test('searching filters the list as you type', async () => {
  const page = await freshPage();
  await signIn(page, ctx.server.url, 'admin@northwind.test');
  const table = page.getByRole('table', { name: t('orgs.title') });
  await table.getByRole('rowheader', { name: 'Globex Realty' }).waitFor();
  await page.getByLabel(t('orgs.search')).fill('acme');
  await page.waitForURL(/q=acme/);
  await table.getByRole('rowheader', { name: 'Globex Realty' }).waitFor({ state: 'detached' });
  await table.getByRole('rowheader', { name: 'Acme Dental' }).waitFor();
  await page.getByLabel(t('orgs.search')).fill('no such org');
  await page.getByText(t('orgs.no_match')).waitFor();
  await page.context().close();
});

test('a client user lands on the dashboard with their org and agents', async () => {
  const page = await freshPage();
  await signIn(page, ctx.server.url, 'admin@acme.test');
  await page.waitForURL(`${ctx.server.url}/app`);
  await page.getByRole('heading', { name: t('dashboard.home_title', { org: 'Acme Dental' }) }).waitFor();
  await page.getByText('Support Bot').waitFor();
  await page.getByText('Reception Line').waitFor();
  assert.equal(await page.getByText('Sales Bot').count(), 0, 'an agent not assigned to the org is shown');
  // A client cannot open the console: they are sent back to their side.
  await page.goto(`${ctx.server.url}/agency/orgs`);
  await page.waitForURL(`${ctx.server.url}/app`);
  await page.context().close();
});

test('signing out ends the session', async () => {
  const page = await freshPage();
  await signIn(page, ctx.server.url, 'owner@northwind.test');
  await page.waitForURL(`${ctx.server.url}/agency/orgs`);
  await page.getByRole('button', { name: t('common.sign_out') }).click();
  await page.waitForURL(`${ctx.server.url}/login`);
  await page.goto(`${ctx.server.url}/agency/orgs`);
  await page.waitForURL(/\/login/);
  await page.context().close();
});

test('the page runs under its Content-Security-Policy without a single violation', async () => {
  const context = await ctx.browser.newContext();
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const page = await context.newPage();
  const response = await page.goto(`${ctx.server.url}/login`);
  const csp = response.headers()['content-security-policy'];
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
  // dist/_headers (for static hosts) says the same as the bundled server.
  const written = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', '_headers'), 'utf8');
  assert.equal(written.match(/Content-Security-Policy: (.*)/)[1], csp);
  await signIn(page, ctx.server.url, 'admin@acme.test');
  await page.waitForURL(`${ctx.server.url}/app`);
  await page.getByRole('navigation', { name: t('common.main_navigation') }).getByRole('link', { name: t('dashboard.nav_conversations') }).click();
  await page.getByRole('table', { name: t('inbox.title') }).waitFor();
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  await context.close();
});

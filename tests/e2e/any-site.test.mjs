// The client on a site other than its API's, where the API's cookies are third-party and
// a browser may refuse them: the session travels as a token kept by the tab
// (config.json `"auth": "auto"` picks it). And the dashboard inside an iframe of an
// agency's own site, signed in by a link the agency's backend signed.
import test, { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser, deployToStaticHost, startStaticServer, signIn, locale, openRowMenu } from './harness.mjs';

const t = locale('en');
/** Northwind's demo embed secret (crates/server/src/seed.rs). */
const EMBED_SECRET = 'emb_demo-northwind-embed-secret';
let deployment;
let api;
let site;
let browser;

before(async () => {
  // The page on localhost, the API on 127.0.0.1: two sites.
  deployment = await deployToStaticHost((apiUrl) => ({ api_base: apiUrl, auth: 'auto' }));
  ({ api, site } = deployment);
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await deployment?.close();
});

/** A bearer session for calls the test makes itself. */
async function tokenLogin(email) {
  const res = await fetch(`${api.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: 'atrium-demo', session: 'token' }),
  });
  assert.equal(res.status, 200, await res.clone().text());
  const body = await res.json();
  return { me: body, call: (path, init = {}) => fetch(`${api.url}/api/v1${path}`, {
    ...init, headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${body.session_token}`, ...init.headers },
  }) };
}

/** An embed link's token as the agency's backend signs it (the README's recipe). */
function embedToken(claims, secret = EMBED_SECRET) {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${payload}.${createHmac('sha256', secret).update(payload).digest('hex')}`;
}

test('other site, token mode: sign in, list, save, Log in as, live events, sign out, one tab at a time', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, site.url, 'owner@northwind.test');
  await page.waitForURL(`${site.url}/agency/orgs`);
  const table = page.getByRole('table', { name: t('orgs.title') });
  await table.getByRole('rowheader', { name: 'Acme Dental' }).waitFor();
  const cookies = await context.cookies(api.url);
  assert.ok(!cookies.some((c) => c.name === 'atrium_session'), 'no session cookie: the token carries the session');

  // A second tab of the same browser is not signed in: the token belongs to the tab.
  const other = await context.newPage();
  await other.goto(`${site.url}/agency/orgs`);
  await other.waitForURL(/\/login/);
  await other.close();

  await page.getByRole('link', { name: 'Acme Dental' }).click();
  await page.getByLabel(t('settings.layout_horizontal')).check();
  await page.getByRole('region', { name: t('save_bar.label') }).getByRole('button', { name: t('save_bar.save') }).click();
  await page.getByText(t('save_bar.saved')).waitFor();
  await page.reload();
  assert.ok(await page.getByLabel(t('settings.layout_horizontal')).isChecked(), 'saved, and a reload keeps the tab signed in');

  // "Log in as" and back, in token mode.
  await page.getByRole('navigation', { name: t('org.tabs_label') }).getByRole('link', { name: t('org.tab_users') }).click();
  await openRowMenu(page, 'Andy Agent', t);
  await page.getByRole('button', { name: t('users.log_in_as', { name: 'Andy Agent' }) }).click();
  await page.waitForURL(`${site.url}/app`);
  await page.getByRole('button', { name: t('impersonation.back') }).waitFor();

  // Live events reach the impersonated dashboard through a stream ticket.
  const { me } = await tokenLogin('agent@acme.test');
  const agentId = me.agents.find((a) => a.name === 'Support Bot').id;
  const notice = page.getByRole('alert').filter({ hasText: t('inbox.new_handoff') });
  for (let n = 1; n <= 15 && !(await notice.isVisible()); n++) {
    const res = await fetch(`${api.url}/api/v1/ingest/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer northwind-demo-key' },
      body: JSON.stringify({ org_id: me.org.id, agent_id: agentId, external_id: `site-${n}`, author: 'visitor',
        text: 'Hallo', contact_name: 'Ana', handoff_requested: true }),
    });
    assert.equal(res.status, 200);
    await notice.waitFor({ timeout: 1000 }).catch(() => {});
  }
  await notice.waitFor();

  await page.getByRole('button', { name: t('impersonation.back') }).click();
  await page.waitForURL(`${site.url}/agency/orgs`);
  await table.getByRole('rowheader', { name: 'Acme Dental' }).waitFor();
  await page.getByRole('button', { name: t('common.sign_out') }).click();
  await page.waitForURL(/\/login/);
  assert.equal(await page.evaluate(() => sessionStorage.getItem('atrium.session')), null, 'the token is forgotten');
  await page.goto(`${site.url}/agency/orgs`);
  await page.waitForURL(/\/login/);
  await context.close();
});

test('in an iframe of the agency site: a signed link signs in; forged and replayed links do not; other sites cannot frame it', async () => {
  // The agency's own site, a third origin (localhost, another port), frames the
  // dashboard served by the bundled server (127.0.0.1), which sends frame-ancestors.
  const hostRoot = mkdtempSync(join(tmpdir(), 'atrium-agency-site-'));
  const agencySite = await startStaticServer({ root: hostRoot });
  const stranger = await startStaticServer({ root: hostRoot, host: '127.0.0.2' });
  try {
    const owner = await tokenLogin('owner@northwind.test');
    const saved = await owner.call('/agency/embedding', { method: 'PUT', body: JSON.stringify({ frame_origins: [agencySite.url] }) });
    assert.equal(saved.status, 200, await saved.clone().text());
    const claims = () => ({ agency: owner.me.agency.id, email: 'agent@acme.test', exp: Math.floor(Date.now() / 1000) + 120, nonce: randomUUID() });
    const frame = (token) => `<!doctype html><html lang="en"><title>Agency site</title>
      <iframe title="Client dashboard" width="1200" height="800" src="${api.url}/embed?token=${token}"></iframe></html>`;

    const good = embedToken(claims());
    writeFileSync(join(hostRoot, 'index.html'), frame(good));
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${agencySite.url}/index.html`);
    const dashboard = page.frameLocator('iframe[title="Client dashboard"]');
    await dashboard.getByRole('heading', { name: t('dashboard.home_title', { org: 'Acme Dental' }) }).waitFor();
    await page.context().close();

    // The same link again (a replay), and a forged one: the error page, nobody signed in.
    const forged = embedToken(claims(), 'emb_guessed-secret');
    for (const token of [good, forged]) {
      writeFileSync(join(hostRoot, 'index.html'), frame(token));
      const p = await (await browser.newContext()).newPage();
      await p.goto(`${agencySite.url}/index.html`);
      const f = p.frameLocator('iframe[title="Client dashboard"]');
      await f.getByRole('heading', { name: t('embed.invalid_title') }).waitFor();
      await f.getByRole('alert').filter({ hasText: t('embed.invalid') }).waitFor();
      assert.equal(await f.getByRole('heading', { name: t('dashboard.home_title', { org: 'Acme Dental' }) }).count(), 0);
      await p.context().close();
    }

    // A site the agency did not list cannot show the dashboard at all.
    writeFileSync(join(hostRoot, 'index.html'), frame(embedToken(claims())));
    const p = await (await browser.newContext()).newPage();
    const refused = new Promise((resolve) => p.on('console', (m) => { if (m.text().includes('frame-ancestors')) resolve(m.text()); }));
    await p.goto(`${stranger.url}/index.html`);
    assert.match(await refused, /frame-ancestors/);
    const inner = p.frames().find((f) => f !== p.mainFrame());
    assert.ok(!inner || !(await inner.content().catch(() => '')).includes(t('dashboard.home_title', { org: 'Acme Dental' })));
    await p.context().close();
  } finally {
    await agencySite.close();
    await stranger.close();
    rmSync(hostRoot, { recursive: true, force: true });
  }
});

// The client as a CDN would serve it: dist/ on a plain static file server that is not
// atrium-server, on another origin than the API (same site: both on localhost, other
// ports), reading the API's address from config.json. Signing in, the org list, saving a
// setting, a live event and signing out all work across origins with cookies and CORS.
import test, { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, deployToStaticHost, startStaticServer, signIn, locale } from './harness.mjs';

const t = locale('en');
let deployment;
let api;
let site;
let config;
let deployed;
let browser;

before(async () => {
  // Same site: the API named by `localhost`, like the page.
  deployment = await deployToStaticHost((apiUrl) => ({ api_base: apiUrl.replace('127.0.0.1', 'localhost') }));
  ({ api, site, config, dir: deployed } = deployment);
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await deployment?.close();
});

async function ingest(body) {
  const res = await fetch(`${api.url}/api/v1/ingest/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: 'Bearer northwind-demo-key' },
    body: JSON.stringify(body),
  });
  assert.equal(res.status, 200, await res.clone().text());
}

test('same site, other origin: sign in, list, save, live events, sign out', async () => {
  const page = await (await browser.newContext()).newPage();
  const failed = [];
  page.on('requestfailed', (r) => failed.push(`${r.url()} ${r.failure()?.errorText}`));
  await signIn(page, site.url, 'owner@northwind.test');
  await page.waitForURL(`${site.url}/agency/orgs`);
  const table = page.getByRole('table', { name: t('orgs.title') });
  await table.getByRole('rowheader', { name: 'Acme Dental' }).waitFor();
  assert.ok((await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name)))
    .some((u) => u.startsWith(`${config.api_base}/api/v1/orgs`)), 'the list came from the API origin');

  await page.getByRole('link', { name: 'Acme Dental' }).click();
  await page.getByLabel(t('settings.language')).selectOption('es');
  await page.getByRole('region', { name: t('save_bar.label') }).getByRole('button', { name: t('save_bar.save') }).click();
  await page.getByText(t('save_bar.saved')).waitFor();
  await page.reload();
  assert.equal(await page.getByLabel(t('settings.language')).inputValue(), 'es', 'saved on the server');
  await page.getByRole('button', { name: t('common.sign_out') }).click();
  await page.waitForURL(/\/login/);
  await page.context().close();

  // A client user's dashboard gets a handoff request live, through the API's origin.
  const client = await (await browser.newContext()).newPage();
  await signIn(client, site.url, 'agent@acme.test');
  await client.waitForURL(`${site.url}/app`);
  const { org_id, agent_id } = await client.evaluate(async (base) => {
    const me = await (await fetch(`${base}/api/v1/me`, { credentials: 'include' })).json();
    return { org_id: me.org.id, agent_id: me.agents.find((a) => a.name === 'Support Bot').id };
  }, config.api_base);
  // The stream opens a moment after the page: a request sent before it would not be
  // live news. Another visitor asks each second until one arrives.
  const notice = client.getByRole('alert').filter({ hasText: locale('es')('inbox.new_handoff') });
  for (let n = 1; n <= 15 && !(await notice.isVisible()); n++) {
    await ingest({ org_id, agent_id, external_id: `cdn-${n}`, author: 'visitor', text: 'Hola', contact_name: 'Ana', handoff_requested: true });
    await notice.waitFor({ timeout: 1000 }).catch(() => {});
  }
  await notice.waitFor();
  await client.context().close();
  assert.deepEqual(failed.filter((f) => !f.includes('/events')), []);
});

test('a page on an origin the API does not allow cannot use it', async () => {
  const stranger = await startStaticServer({ root: deployed, host: '127.0.0.2' });
  try {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${stranger.url}/login`);
    await page.getByLabel(t('login.email')).waitFor();
    // The browser keeps the API's answers from this page: not even the brand shows.
    assert.equal(await page.getByText('Northwind Agency').count(), 0);
    await page.getByLabel(t('login.email')).fill('owner@northwind.test');
    await page.getByLabel(t('login.password')).fill('atrium-demo');
    await page.getByRole('button', { name: t('login.submit') }).click();
    await page.getByRole('alert').filter({ hasText: t('errors.network') }).waitFor();
    assert.match(new URL(page.url()).pathname, /\/login/);
    await page.context().close();
  } finally {
    await stranger.close();
  }
});

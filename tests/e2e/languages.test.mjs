// Languages arrive when shown: the wasm carries English only, and a browser that prefers
// another language fetches that language's strings (and no other) before the first screen.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useServerAndBrowser, locale, setOrgSettings, signIn, openRowMenu } from './harness.mjs';

const dist = process.env.ATRIUM_DIST ?? join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist');
const ctx = useServerAndBrowser();

/** A fresh page whose browser prefers `browserLocale`, and the string tables it fetches. */
async function pageIn(browserLocale) {
  const context = await ctx.browser.newContext({ locale: browserLocale });
  const page = await context.newPage();
  const tables = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.includes('/i18n/')) tables.push(path.split('/').pop());
  });
  return { page, tables };
}

test('a browser that prefers German opens the login page in German, fetching German only', async () => {
  const de = locale('de');
  const { page, tables } = await pageIn('de-DE');
  await page.goto(`${ctx.server.url}/login`);
  await page.getByRole('button', { name: de('login.submit') }).waitFor();
  await page.getByLabel(de('login.email')).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'de');
  assert.deepEqual(tables.map((f) => f.split('-')[0]), ['de'], `tables fetched: ${tables}`);
  await page.context().close();
});

test('an English browser fetches no string table', async () => {
  const en = locale('en');
  const { page, tables } = await pageIn('en-US');
  await page.goto(`${ctx.server.url}/login`);
  await page.getByRole('button', { name: en('login.submit') }).waitFor();
  assert.deepEqual(tables, []);
  await page.context().close();
});

test('when a language\'s strings cannot be fetched, the page is in English, never blank', async () => {
  const en = locale('en');
  const { page } = await pageIn('fr-FR');
  await page.route('**/i18n/**', (route) => route.abort());
  await page.goto(`${ctx.server.url}/login`);
  await page.getByRole('button', { name: en('login.submit') }).waitFor();
  await page.getByLabel(en('login.password')).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  await page.context().close();
});

test('the shipped wasm carries English strings and no other language\'s', () => {
  const wasm = readdirSync(dist).find((f) => f.endsWith('_bg.wasm'));
  const bytes = readFileSync(join(dist, wasm)).toString('utf8');
  // Sentences long enough to be found nowhere else.
  assert.ok(bytes.includes(locale('en')('errors.startup')), 'English is compiled in');
  for (const lang of ['de', 'fr', 'ar']) {
    assert.ok(!bytes.includes(locale(lang)('errors.startup')), `${lang} is compiled in`);
  }
  const tables = readdirSync(join(dist, 'i18n')).filter((f) => f.endsWith('.json'));
  assert.deepEqual(tables.map((f) => f.split('-')[0]).sort(), ['ar', 'de', 'es', 'fr', 'it', 'nl', 'pl', 'pt', 'tr']);
});

test('an Arabic dashboard shows the system\'s notes in Arabic and a visitor\'s English in its own direction', async () => {
  const ar = locale('ar');
  await setOrgSettings(ctx, 'acme', { dashboard_language: 'ar', handoff_enabled: true, show_handoff_messages: true });
  try {
    const { page } = await pageIn('en-US');
    await signIn(page, ctx.server.url, 'admin@acme.test');
    await page.waitForURL(`${ctx.server.url}/app`);
    const me = await page.evaluate(async () => (await fetch('/api/v1/me')).json());
    const ingest = await fetch(`${ctx.server.url}/api/v1/ingest/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer northwind-demo-key' },
      body: JSON.stringify({ org_id: me.org.id, agent_id: me.agents[0].id, external_id: 'bidi-1', author: 'visitor',
        text: 'Do you have parking nearby?', contact_name: 'Sam Smith', handoff_requested: true }),
    });
    assert.equal(ingest.status, 200);
    const { conversation_id: id } = await ingest.json();
    await page.goto(`${ctx.server.url}/app/conversations/${id}`);
    const transcript = page.getByRole('list').filter({ has: page.getByText('Do you have parking nearby?') });
    await transcript.getByText(ar('conversation.note_handoff_requested')).waitFor();
    assert.equal(await transcript.getByText('Handoff requested.').count(), 0, 'no English note');
    assert.equal(await page.getByText('Do you have parking nearby?').getAttribute('dir'), 'auto');
    // The inbox row's last message is the note, in Arabic too.
    await page.goto(`${ctx.server.url}/app/conversations`);
    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Sam Smith' }) });
    await row.getByText(ar('conversation.note_handoff_requested')).waitFor();
    await page.context().close();
  } finally {
    await setOrgSettings(ctx, 'acme', { dashboard_language: 'en' });
  }
});

test('"Log in as" an Arabic dashboard: the banner stays on screen in the staff member\'s German, and the way back restores the German console', async () => {
  const de = locale('de');
  const ar = locale('ar');
  await setOrgSettings(ctx, 'acme', { dashboard_language: 'ar' });
  try {
    const { page } = await pageIn('de-DE');
    await signIn(page, ctx.server.url, 'owner@northwind.test', undefined, de);
    await page.waitForURL(`${ctx.server.url}/agency/orgs`);
    await page.getByRole('link', { name: 'Acme Dental' }).click();
    await page.getByRole('navigation', { name: de('org.tabs_label') }).getByRole('link', { name: de('org.tab_users') }).click();
    await openRowMenu(page, 'Alice Acme', de);
    await page.getByRole('button', { name: de('users.log_in_as', { name: 'Alice Acme' }) }).click();
    await page.waitForURL(`${ctx.server.url}/app`);
    // The dashboard is the client's (Arabic, right to left)...
    await page.getByRole('link', { name: ar('dashboard.nav_team') }).waitFor();
    assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
    // ...the banner is the staff member's, and on screen from the first moment.
    const banner = page.getByRole('status').filter({ hasText: de('impersonation.banner', { org: 'Acme Dental', user: 'Alice Acme', staff: 'Nadia Owner' }) });
    await banner.waitFor();
    assert.equal(await banner.getAttribute('lang'), 'de');
    assert.equal(await banner.getAttribute('dir'), 'ltr');
    assert.equal(await page.evaluate(() => window.scrollY), 0, 'opened scrolled down');
    // Still on screen at the bottom of a long page.
    await page.setViewportSize({ width: 1000, height: 250 });
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    assert.ok(await page.evaluate(() => window.scrollY) > 50, 'the page did not scroll');
    const box = await banner.boundingBox();
    assert.ok(box && box.y >= 0 && box.y < 5, `banner at y=${box?.y}`);
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.getByRole('button', { name: de('impersonation.back') }).click();
    await page.waitForURL(`${ctx.server.url}/agency/orgs`);
    await page.getByRole('table', { name: de('orgs.title') }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'de');
    assert.equal(await page.locator('html').getAttribute('dir'), 'ltr');
    await page.context().close();
  } finally {
    await setOrgSettings(ctx, 'acme', { dashboard_language: 'en' });
  }
});

test('counts follow the language\'s plural rules: "1 organizacja", "3 organizacje", "5 organizacji"', async () => {
  const pl = locale('pl');
  const { page } = await pageIn('pl-PL');
  await signIn(page, ctx.server.url, 'owner@northwind.test', undefined, pl);
  await page.waitForURL(`${ctx.server.url}/agency/orgs`);
  const count = async (q) => {
    await page.goto(`${ctx.server.url}/agency/orgs?q=${encodeURIComponent(q)}`);
    const total = (await page.evaluate(async (q) => (await (await fetch(`/api/v1/orgs?q=${q}`)).json()).total, q));
    await page.getByRole('status').filter({ hasText: pl('orgs.count', { count: total }) }).waitFor();
    return total;
  };
  // Polish has three forms for whole numbers: one, few (2–4, 22–24…), many (5–21, 25…).
  assert.equal(await count('acme'), 1);
  assert.equal(pl('orgs.count', { count: 1 }), '1 organizacja');
  const all = await count('');
  assert.ok(all > 1, 'the demo has several organizations');
  assert.equal(pl('orgs.count', { count: 3 }), '3 organizacje');
  assert.equal(pl('orgs.count', { count: 5 }), '5 organizacji');
  assert.notEqual(pl('orgs.count', { count: all }), pl('orgs.count', { count: 1 }).replace('1', String(all)));
  await page.context().close();
});

test('leaving an org page while its dashboard preview is still fetching the org\'s language does not crash the console', async () => {
  const en = locale('en');
  await setOrgSettings(ctx, 'acme', { dashboard_language: 'ar' });
  try {
    const { page, tables } = await pageIn('en-US');
    // The Arabic strings the preview asks for arrive only once the user has left the tab.
    let release;
    const held = new Promise((resolve) => { release = resolve; });
    await page.route('**/i18n/ar*', async (route) => { await held; await route.continue(); });
    await signIn(page, ctx.server.url, 'owner@northwind.test', undefined, en);
    await page.waitForURL(`${ctx.server.url}/agency/orgs`);
    const asked = page.waitForRequest((r) => r.url().includes('/i18n/ar'));
    await page.getByRole('link', { name: 'Acme Dental' }).click();
    await asked;
    const tabs = page.getByRole('navigation', { name: en('org.tabs_label') });
    await tabs.getByRole('link', { name: en('org.tab_users') }).click();
    await page.getByRole('button', { name: en('row.actions_for', { name: 'Alice Acme' }) }).waitFor();
    const arrived = page.waitForResponse((r) => r.url().includes('/i18n/ar'));
    release();
    await arrived;
    assert.ok(tables.some((f) => f.startsWith('ar')), `the preview asked for Arabic: ${tables}`);
    // The late strings change nothing here, and the console still answers.
    await page.waitForTimeout(200);
    assert.equal(await page.locator('#atrium-crashed').count(), 0, 'the crash notice is shown');
    await openRowMenu(page, 'Alice Acme', en);
    await page.getByRole('button', { name: en('users.log_in_as', { name: 'Alice Acme' }) }).waitFor();
    await page.context().close();
  } finally {
    await setOrgSettings(ctx, 'acme', { dashboard_language: 'en' });
  }
});

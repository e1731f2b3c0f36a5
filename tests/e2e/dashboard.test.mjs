// The client dashboard follows the org's settings: its language (including Arabic,
// right-to-left), its layout, and a user's own language choice.
import test from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, setOrgSettings, signIn, locale } from './harness.mjs';

const ctx = useServerAndBrowser();

const setAcmeSettings = (change) => setOrgSettings(ctx, 'acme', change);

const PHONE = { viewport: { width: 375, height: 700 } };

/** Acme's admin signed in, on the dashboard's home; `options` for the browser context. */
async function clientPage(options = {}) {
  const page = await (await ctx.browser.newContext(options)).newPage();
  await signIn(page, ctx.server.url, 'admin@acme.test');
  await page.waitForURL(`${ctx.server.url}/app`);
  return page;
}

test('Arabic: lang and dir follow, navigation is translated and mirrored', async () => {
  await setAcmeSettings({ dashboard_language: 'ar', dashboard_layout: 'vertical' });
  const ar = locale('ar');
  const page = await clientPage();
  const nav = page.getByRole('navigation', { name: ar('common.main_navigation') });
  await nav.getByRole('link', { name: ar('dashboard.nav_home') }).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'ar');
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
  // Mirrored: the side navigation sits on the right of the content.
  const navBox = await nav.boundingBox();
  const mainBox = await page.locator('main').boundingBox();
  assert.ok(navBox.x > mainBox.x, `nav at ${navBox.x} should be right of main at ${mainBox.x}`);
  await page.context().close();
});

test('Spanish with horizontal layout: navigation runs across the top', async () => {
  await setAcmeSettings({ dashboard_language: 'es', dashboard_layout: 'horizontal' });
  const es = locale('es');
  const page = await clientPage();
  const nav = page.getByRole('navigation', { name: es('common.main_navigation') });
  await nav.getByRole('link', { name: es('dashboard.nav_home') }).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'es');
  assert.equal(await page.getAttribute('html', 'dir'), 'ltr');
  const navBox = await nav.boundingBox();
  const mainBox = await page.locator('main').boundingBox();
  assert.ok(navBox.y + navBox.height <= mainBox.y + 1, 'nav is above the content');
  assert.ok(navBox.width > mainBox.width * 0.9, 'nav spans the width');
  // The current page is marked for assistive technology.
  assert.equal(await nav.getByRole('link', { name: es('dashboard.nav_home') }).getAttribute('aria-current'), 'page');
  await page.context().close();
});

test('a user may read the dashboard in another language than the org', async () => {
  await setAcmeSettings({ dashboard_language: 'de', dashboard_layout: 'vertical' });
  const de = locale('de');
  const fr = locale('fr');
  const page = await clientPage();
  await page.getByRole('heading', { name: de('dashboard.agents_title') }).waitFor();
  await page.getByLabel(de('common.language')).selectOption('fr');
  await page.getByRole('heading', { name: fr('dashboard.agents_title') }).waitFor();
  await page.reload();
  await page.getByRole('heading', { name: fr('dashboard.agents_title') }).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'fr');
  await page.context().close();
});

test('on a phone-sized screen the navigation collapses behind a menu button', async () => {
  await setAcmeSettings({ dashboard_language: 'en', dashboard_layout: 'vertical' });
  const en = locale('en');
  const page = await clientPage(PHONE);
  const menu = page.getByRole('button', { name: en('common.menu') });
  await menu.waitFor();
  const nav = page.getByRole('navigation', { name: en('common.main_navigation') });
  assert.equal(await nav.isVisible(), false);
  assert.equal(await menu.getAttribute('aria-expanded'), 'false');
  await menu.click();
  await nav.getByRole('link', { name: en('dashboard.nav_home') }).waitFor();
  assert.equal(await menu.getAttribute('aria-expanded'), 'true');
  await page.context().close();
});

/** The number a home page card shows, once its counts are drawn. */
async function cardNumber(page, label) {
  const card = page.getByRole('link', { name: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) });
  const number = card.locator('.big-number');
  await page.waitForFunction((el) => el.textContent.trim() !== '', await number.elementHandle());
  return Number((await number.textContent()).replace(/\D/g, ''));
}

test("the home page counts all of today's conversations, past the inbox's page size", async () => {
  await setAcmeSettings({ dashboard_language: 'en', dashboard_layout: 'vertical' });
  const en = locale('en');
  const page = await clientPage();
  const before = await cardNumber(page, en('home.today'));
  const { org_id, agent_id } = await page.evaluate(async () => {
    const me = await (await fetch('/api/v1/me')).json();
    return { org_id: me.org.id, agent_id: me.agents[0].id };
  });
  // More new conversations than one list page holds (100), so a count taken from a page
  // of the inbox would come out short.
  const added = 120;
  for (let i = 0; i < added; i += 1) {
    const res = await fetch(`${ctx.server.url}/api/v1/ingest/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer northwind-demo-key' },
      body: JSON.stringify({ org_id, agent_id, external_id: `home-count-${i}`, author: 'visitor', text: `Question ${i}`, contact_name: `Visitor ${i}` }),
    });
    assert.equal(res.status, 200, await res.text());
  }
  await page.reload();
  assert.equal(await cardNumber(page, en('home.today')), before + added);
  await page.context().close();
});

test('on a phone the content starts right under the bar above it', async () => {
  await setAcmeSettings({ dashboard_language: 'en', dashboard_layout: 'vertical' });
  const en = locale('en');
  const page = await clientPage(PHONE);
  const context = page.context();
  await page.getByRole('heading', { name: en('dashboard.agents_title') }).waitFor();
  const header = await page.getByRole('banner').boundingBox();
  const main = await page.locator('main').boundingBox();
  assert.ok(Math.abs(main.y - (header.y + header.height)) <= 1, `content at ${main.y}, bar ends at ${header.y + header.height}`);
  // The agency console on a phone: navigation, then the content right under it.
  const staff = await context.newPage();
  await context.clearCookies();
  await signIn(staff, ctx.server.url, 'owner@northwind.test');
  await staff.waitForURL(`${ctx.server.url}/agency/orgs`);
  await staff.getByRole('heading', { name: en('orgs.title') }).waitFor();
  const nav = await staff.getByRole('navigation', { name: en('common.main_navigation') }).boundingBox();
  const content = await staff.locator('main').boundingBox();
  assert.ok(Math.abs(content.y - (nav.y + nav.height)) <= 1, `content at ${content.y}, navigation ends at ${nav.y + nav.height}`);
  await context.close();
});

test('deleting a saved reply asks first; Cancel keeps it, Yes deletes it', async () => {
  await setAcmeSettings({ dashboard_language: 'en', dashboard_layout: 'vertical', canned_responses_enabled: true });
  const en = locale('en');
  const page = await clientPage();
  await page.getByRole('navigation', { name: en('common.main_navigation') })
    .getByRole('link', { name: en('dashboard.nav_canned') }).click();
  const remove = page.getByRole('button', { name: en('canned.delete', { name: 'Opening hours' }) });
  await remove.click();
  const question = page.getByRole('group', { name: en('canned.confirm_delete', { name: 'Opening hours' }) });
  await question.getByText(en('canned.confirm_delete_help')).waitFor();
  await question.getByRole('button', { name: en('common.cancel') }).click();
  await question.waitFor({ state: 'detached' });
  await page.reload();
  await remove.click();
  await question.getByRole('button', { name: en('canned.confirm_delete_yes') }).click();
  await remove.waitFor({ state: 'detached' });
  await page.reload();
  await page.getByRole('button', { name: en('canned.delete', { name: 'Greeting' }) }).waitFor();
  assert.equal(await remove.count(), 0, 'deleted on the server');
  await page.context().close();
});

test('a section switched off while it is open says "not available" at once, and opens again when switched back on', async () => {
  await setAcmeSettings({ dashboard_language: 'en', dashboard_layout: 'vertical', canned_responses_enabled: true });
  const en = locale('en');
  const page = await clientPage();
  const nav = page.getByRole('navigation', { name: en('common.main_navigation') });
  await nav.getByRole('link', { name: en('dashboard.nav_canned') }).click();
  await page.getByRole('heading', { name: en('canned.title') }).waitFor();
  await setAcmeSettings({ canned_responses_enabled: false });
  // The new settings arrive through the live stream: no reload.
  await page.getByRole('heading', { name: en('not_found.unavailable_title') }).waitFor();
  assert.equal(await nav.getByRole('link', { name: en('dashboard.nav_canned') }).count(), 0);
  assert.equal(await page.getByRole('heading', { name: en('canned.title') }).count(), 0);
  // Pages outside the sections stay open.
  await page.goto(`${ctx.server.url}/app/account`);
  await page.getByRole('heading', { name: en('account.title') }).waitFor();
  await setAcmeSettings({ canned_responses_enabled: true });
  await page.goto(`${ctx.server.url}/app/canned`);
  await page.getByRole('heading', { name: en('canned.title') }).waitFor();
  await page.context().close();
});

test('analytics charts have axes, dates, a legend and each bar\'s value, beside the same numbers as a table', async () => {
  await setAcmeSettings({ dashboard_language: 'en', dashboard_layout: 'vertical' });
  const t = locale('en');
  const page = await clientPage();
  await page.goto(`${ctx.server.url}/app/analytics`);
  const table = page.getByRole('table', { name: t('analytics.table') });
  await table.waitFor();
  // The tab names the page, then the agency.
  await page.waitForFunction((want) => document.title === want, `${t('analytics.title')} · Northwind Agency`);
  // The table's busiest day is the chart's top bar, and the axis reaches it.
  const counts = await table.locator('tbody tr td:nth-of-type(1)').allInnerTexts();
  const busiest = Math.max(...counts.map((c) => Number(c.replace(/\D/g, ''))));
  const chart = page.getByRole('img', { name: t('analytics.conversations') });
  const ticks = (await chart.locator('text.tick').allTextContents());
  const yTicks = ticks.filter((x) => /^[\d,.\s]+$/.test(x));
  assert.ok(yTicks.includes('0'), `y axis: ${ticks}`);
  const top = Math.max(...yTicks.map((x) => Number(x.replace(/\D/g, ''))));
  assert.ok(top >= busiest, `the axis tops at ${top}, below the busiest day's ${busiest}`);
  // Dates under the bars: as many bars as days, the first and last days named.
  const days = await table.locator('tbody tr').count();
  assert.equal(await chart.locator('rect').count(), days);
  const firstDay = await table.locator('tbody tr').last().locator('th').innerText();
  assert.ok(ticks.some((x) => /\d/.test(x) && /[A-Za-z]/.test(x)), `no date under the bars: ${ticks}`);
  assert.ok(firstDay.length > 0);
  // Each bar says its day and value.
  const titles = await chart.locator('rect title').allTextContents();
  assert.ok(titles.some((x) => x.endsWith(`: ${busiest}`)), `bar titles: ${titles.slice(-3)}`);
  // Two series: a legend names them.
  const handoffs = page.locator('figure').filter({ has: page.getByRole('img', { name: t('analytics.handoffs') }) });
  const legend = await handoffs.locator('.legend li').allInnerTexts();
  assert.deepEqual(legend, [t('analytics.col_requested'), t('analytics.col_accepted')]);
  // The filters sit side by side on a wide screen.
  const period = await page.getByLabel(t('analytics.period')).boundingBox();
  const agent = await page.getByLabel(t('inbox.agent')).boundingBox();
  assert.ok(Math.abs(period.y - agent.y) < 5, 'filters in one row');
  await page.context().close();
});

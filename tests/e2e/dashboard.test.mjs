// The client dashboard follows the org's settings: its language (including Arabic,
// right-to-left), its layout, and a user's own language choice.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, signIn, locale } from './harness.mjs';

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Changes Acme Dental's settings as the agency owner would, through the API. */
async function setAcmeSettings(change) {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, server.url, 'owner@northwind.test');
  await page.waitForURL(`${server.url}/agency/orgs`);
  const status = await page.evaluate(async (change) => {
    const csrf = document.cookie.split('; ').find((c) => c.startsWith('atrium_csrf=')).split('=')[1];
    const list = await (await fetch('/api/v1/orgs?q=acme')).json();
    const org = list.items[0];
    const body = {
      name: org.name, contact_email: org.contact_email, logo_url: org.logo_url,
      settings: { ...org.settings, ...change }, version: org.version,
    };
    const res = await fetch(`/api/v1/orgs/${org.id}`, {
      method: 'PUT', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf }, body: JSON.stringify(body),
    });
    return res.status;
  }, change);
  assert.equal(status, 200);
  await page.context().close();
}

async function clientPage() {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, server.url, 'admin@acme.test');
  await page.waitForURL(`${server.url}/app`);
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
  const context = await browser.newContext({ viewport: { width: 375, height: 700 } });
  const page = await context.newPage();
  await signIn(page, server.url, 'admin@acme.test');
  await page.waitForURL(`${server.url}/app`);
  const menu = page.getByRole('button', { name: en('common.menu') });
  await menu.waitFor();
  const nav = page.getByRole('navigation', { name: en('common.main_navigation') });
  assert.equal(await nav.isVisible(), false);
  assert.equal(await menu.getAttribute('aria-expanded'), 'false');
  await menu.click();
  await nav.getByRole('link', { name: en('dashboard.nav_home') }).waitFor();
  assert.equal(await menu.getAttribute('aria-expanded'), 'true');
  await context.close();
});

// The release client is split by route: a page downloads the shell and its own code, not
// the other side's, and a page whose code cannot be fetched says so and offers a reload.
import test from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, signIn, locale } from './harness.mjs';

const t = locale('en');
const ctx = useServerAndBrowser();

/** A fresh page and the client code files (wasm and JS) it requests, by file name. */
async function watchedPage() {
  const context = await ctx.browser.newContext();
  const page = await context.newPage();
  const code = [];
  page.on('request', (r) => {
    const file = new URL(r.url()).pathname.split('/').pop();
    if (/\.(wasm|js)$/.test(file)) code.push(file);
  });
  return { page, code };
}

test('the login page downloads the shell only', async () => {
  const { page, code } = await watchedPage();
  await page.goto(`${ctx.server.url}/login`);
  await page.getByRole('button', { name: t('login.submit') }).waitFor();
  const pages = code.filter((f) => /^(console|dashboard|shared|auth)_/.test(f));
  assert.deepEqual(pages, [], `page code on the login page: ${code}`);
  await page.context().close();
});

/** Notes in the page when the first org row appears (`window.__shownAt`). */
function noteFirstRow() {
  new MutationObserver((_, observer) => {
    if (document.querySelector('th[scope=row]')) {
      window.__shownAt = performance.now();
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
}

test('the org list downloads console code, no dashboard code, in at most 8 files', async () => {
  const { page } = await watchedPage();
  await signIn(page, ctx.server.url, 'owner@northwind.test');
  await page.waitForURL(`${ctx.server.url}/agency/orgs`);
  // A fresh load of the list itself, signed in: what a returning user's first visit costs.
  await page.addInitScript(noteFirstRow);
  await page.reload();
  await page.getByRole('table', { name: t('orgs.title') }).getByRole('rowheader', { name: 'Acme Dental' }).waitFor();
  // Requests started before the first row showed (the pages fetched ahead when idle come after).
  const code = await page.evaluate(() => performance.getEntriesByType('resource')
    .filter((e) => e.startTime <= window.__shownAt && /\.(wasm|js)$/.test(new URL(e.name).pathname))
    .map((e) => new URL(e.name).pathname.split('/').pop()));
  assert.ok(code.some((f) => f.startsWith('console_orgs-')), `${code}`);
  assert.ok(!code.some((f) => f.startsWith('dashboard_')), `dashboard code on the console: ${code}`);
  // The CSS is the 8th file of client code.
  assert.ok(code.length <= 7, `${code.length} code files: ${code}`);
  // The console's shared code and layout are fetched beside the main module (preloaded
  // from the address), not once the main module has run the router.
  const layout = await page.evaluate(() => performance.getEntriesByType('resource')
    .find((e) => new URL(e.name).pathname.split('/').pop().startsWith('console_layout-'))?.initiatorType);
  assert.equal(layout, 'link');
  await page.context().close();
});

test('a page whose code cannot be fetched shows a reload notice, not a dead page', async () => {
  const { page } = await watchedPage();
  await signIn(page, ctx.server.url, 'owner@northwind.test');
  await page.getByRole('table', { name: t('orgs.title') }).getByRole('rowheader', { name: 'Acme Dental' }).waitFor();
  // As after a deployment replaced the files, or a dropped connection.
  await page.route('**/console_plans-*.wasm', (route) => route.abort());
  await page.getByRole('navigation', { name: t('common.main_navigation') }).getByRole('link', { name: t('billing.plans_nav') }).click();
  const notice = page.getByRole('alertdialog', { name: t('errors.chunk_failed_title') });
  await notice.waitFor();
  assert.match(await notice.innerText(), new RegExp(t('errors.chunk_failed').slice(0, 30).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  const reload = notice.getByRole('link', { name: t('errors.reload') });
  assert.equal(await reload.getAttribute('href'), page.url(), 'reloads the page the user is on');
  // With the files back, a reload and the same link bring the page.
  await page.unroute('**/console_plans-*.wasm');
  await reload.click();
  await page.getByRole('navigation', { name: t('common.main_navigation') }).getByRole('link', { name: t('billing.plans_nav') }).click();
  await page.getByRole('heading', { name: t('billing.plans_title') }).waitFor();
  assert.equal(await page.getByRole('alertdialog').count(), 0);
  await page.context().close();
});

test('after the org list shows, the org page\'s code is fetched ahead, so opening an org fetches none', async () => {
  const { page, code } = await watchedPage();
  await signIn(page, ctx.server.url, 'owner@northwind.test');
  const table = page.getByRole('table', { name: t('orgs.title') });
  await table.getByRole('rowheader', { name: 'Acme Dental' }).waitFor();
  // Fetched when the browser is idle, not when the link is followed.
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.includes('console_org_settings-')));
  const before = code.length;
  await table.getByRole('link', { name: 'Acme Dental' }).click();
  await page.getByRole('heading', { name: 'Acme Dental' }).waitFor();
  assert.deepEqual(code.slice(before), [], 'code fetched on opening an org');
  await page.context().close();
});

test('while the client downloads, the page shows its shape, never a blank page; then the client replaces it', async () => {
  const context = await ctx.browser.newContext();
  const page = await context.newPage();
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  // The main wasm is held back until the placeholder has been seen.
  await page.route(/atrium-[0-9a-f]+_bg\.wasm$/, async (route) => { await held; await route.continue(); });
  await page.goto(`${ctx.server.url}/login`, { waitUntil: 'domcontentloaded' });
  const boot = page.locator('#boot');
  await boot.waitFor();
  const bar = await page.locator('#boot .boot-bar').boundingBox();
  assert.ok(bar && bar.height > 20 && bar.width > 300, `placeholder bar: ${JSON.stringify(bar)}`);
  release();
  await page.getByRole('button', { name: t('login.submit') }).waitFor();
  assert.equal(await boot.count(), 0, 'the placeholder is gone once the client is up');
  await context.close();
});

test('an org page that waits for its data shows skeleton lines and says Loading to screen readers', async () => {
  const context = await ctx.browser.newContext();
  const page = await context.newPage();
  await signIn(page, ctx.server.url, 'owner@northwind.test');
  await page.waitForURL(`${ctx.server.url}/agency/orgs`);
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route(/\/api\/v1\/orgs\/\d+$/, async (route) => { await held; await route.continue(); });
  await page.getByRole('link', { name: 'Acme Dental' }).click();
  const waiting = page.getByRole('status').filter({ hasText: t('common.loading') });
  await waiting.waitFor();
  assert.ok((await waiting.locator('.skeleton-line').count()) >= 2, 'skeleton lines');
  release();
  await page.getByRole('heading', { level: 1, name: 'Acme Dental' }).waitFor();
  await waiting.waitFor({ state: 'detached' });
  await context.close();
});

// Screenshots of the main pages, desktop and phone, English and Arabic, so a reader sees
// the product before installing it. Written to target/screenshots/ (SCREENSHOTS_DIR), so a
// test run leaves the tree clean; `make screenshots` writes them to docs/screenshots/,
// which the README links. Each is taken once its real content is drawn; the test fails if
// a page does not get there.
import test from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useServerAndBrowser, setOrgSettings, signIn, locale } from './harness.mjs';

const ctx = useServerAndBrowser();
const out = process.env.SCREENSHOTS_DIR ?? join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'target', 'screenshots');
const SIZES = { desktop: { width: 1440, height: 900 }, phone: { width: 390, height: 844 } };

const noLoading = (page, t) => page.waitForFunction((text) => !document.body.innerText.includes(text), t('common.loading'));

async function shoot(page, name) {
  const file = join(out, `${name}.png`);
  await page.screenshot({ path: file });
  assert.ok(statSync(file).size > 5000, `${file} looks empty`);
}

async function signedIn(email, lang, size) {
  const page = await (await ctx.browser.newContext({ locale: lang, viewport: SIZES[size], deviceScaleFactor: 1 })).newPage();
  await signIn(page, ctx.server.url, email, undefined, locale(lang));
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  return page;
}

test('screenshots of the main pages: desktop and phone, English and Arabic', async () => {
  mkdirSync(out, { recursive: true });
  for (const lang of ['en', 'ar']) {
    const t = locale(lang);
    await setOrgSettings(ctx, 'acme', { dashboard_language: lang });
    try {
      for (const size of ['desktop', 'phone']) {
        const login = await (await ctx.browser.newContext({ locale: lang, viewport: SIZES[size] })).newPage();
        await login.goto(`${ctx.server.url}/login`);
        await login.getByLabel(t('login.email')).waitFor();
        await shoot(login, `login-${size}-${lang}`);
        await login.context().close();

        const staff = await signedIn('owner@northwind.test', lang, size);
        await staff.getByRole('link', { name: 'Acme Dental' }).waitFor();
        await shoot(staff, `console-orgs-${size}-${lang}`);
        await staff.getByRole('link', { name: 'Acme Dental' }).click();
        await staff.getByLabel(t('settings.language')).waitFor();
        await staff.getByRole('region', { name: t('preview.title') }).waitFor();
        await shoot(staff, `console-org-settings-${size}-${lang}`);
        await staff.context().close();

        const client = await signedIn('admin@acme.test', lang, size);
        await client.getByRole('link', { name: t('home.open_handoffs') }).waitFor();
        await shoot(client, `dashboard-home-${size}-${lang}`);
        await client.goto(`${ctx.server.url}/app/conversations`);
        await client.locator('main table, main .empty').first().waitFor();
        await noLoading(client, t);
        await shoot(client, `dashboard-inbox-${size}-${lang}`);
        const first = client.locator('main table tbody tr th a').first();
        if (await first.count()) {
          await first.click();
          await client.getByRole('heading', { name: t('conversation.transcript') }).waitFor();
          await shoot(client, `dashboard-conversation-${size}-${lang}`);
        }
        await client.goto(`${ctx.server.url}/app/analytics`);
        await client.getByRole('table', { name: t('analytics.table') }).waitFor();
        await shoot(client, `dashboard-analytics-${size}-${lang}`);
        await client.context().close();
      }
    } finally {
      await setOrgSettings(ctx, 'acme', { dashboard_language: 'en' });
    }
  }
});

// One date format and one date-and-time format per language, everywhere a date is shown:
// the org list, activity, API keys, invoices, teams, the inbox and a transcript all write
// a day the way the reader's language does ("28. Nov. 2026", "Nov 28, 2026, 4:15 PM"),
// never a raw "2026-11-28" beside a "11/28/2026".
import test from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, setOrgSettings, signIn, locale, consolePages, dashboardPages } from './harness.mjs';

const ctx = useServerAndBrowser();
const apiGet = (page, path) => page.evaluate(async (p) => (await fetch(`/api/v1${p}`)).json(), path);

/** Every `<time>` on the page whose text is not the page language's medium date (or medium
 * date with short time) of its `datetime`, and how many were checked. */
function datesOnPage(page) {
  return page.evaluate(() => {
    const lang = document.documentElement.lang;
    const date = new Intl.DateTimeFormat(lang, { dateStyle: 'medium' });
    const dateTime = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' });
    const times = [...document.querySelectorAll('main time[datetime]')];
    const wrong = times
      .map((el) => {
        const at = new Date(el.getAttribute('datetime'));
        const text = el.textContent.trim();
        return [date.format(at), dateTime.format(at)].includes(text) ? null : `"${text}" for ${el.getAttribute('datetime')} (${lang})`;
      })
      .filter(Boolean);
    return { checked: times.length, withTime: times.filter((el) => el.textContent.includes(':')).length, wrong };
  });
}

async function checkPages(page, pages, t, tally) {
  for (const [path, ready] of pages) {
    await page.goto(`${ctx.server.url}${path}`);
    await page.locator('h1').first().waitFor();
    if (ready) await ready(page).first().waitFor();
    await page.waitForFunction((text) => !document.body.innerText.includes(text), t('common.loading'));
    const { checked, withTime, wrong } = await datesOnPage(page);
    tally.checked += checked;
    tally.withTime += withTime;
    tally.wrong.push(...wrong.map((w) => `${path}: ${w}`));
  }
}

test('every date in the console (German) and a dashboard (Arabic) is written one way per language', async () => {
  const tally = { checked: 0, withTime: 0, wrong: [] };
  const de = locale('de');
  const consolePage = await (await ctx.browser.newContext({ locale: 'de-DE' })).newPage();
  await signIn(consolePage, ctx.server.url, 'owner@northwind.test', undefined, de);
  await consolePage.waitForURL(`${ctx.server.url}/agency/orgs`);
  const acme = (await apiGet(consolePage, '/orgs?q=acme')).items[0].id;
  // A key, so the key table has a date to show.
  await checkPages(consolePage, [['/agency/integrations', null]], de, tally);
  await consolePage.getByRole('button', { name: de('integrations.create_key') }).click();
  await consolePage.getByLabel(de('integrations.secret_label')).waitFor();
  await checkPages(consolePage, consolePages(de, [acme]), de, tally);
  await consolePage.context().close();

  const ar = locale('ar');
  await setOrgSettings(ctx, 'acme', { dashboard_language: 'ar', billing_enabled: true });
  try {
    const page = await (await ctx.browser.newContext()).newPage();
    await signIn(page, ctx.server.url, 'admin@acme.test');
    await page.waitForURL(`${ctx.server.url}/app`);
    const me = await apiGet(page, '/me');
    const conversations = (await apiGet(page, `/orgs/${me.org.id}/conversations?per_page=1`)).items;
    await checkPages(page, dashboardPages(ar, conversations.map((c) => c.id)), ar, tally);
    await page.context().close();
  } finally {
    await setOrgSettings(ctx, 'acme', { dashboard_language: 'en', billing_enabled: false });
  }

  assert.deepEqual(tally.wrong, [], 'dates not in the one format of their language');
  assert.ok(tally.checked >= 10, `only ${tally.checked} dates were on the pages`);
  assert.ok(tally.withTime >= 2, 'the inbox and the transcript show dates with times');
});

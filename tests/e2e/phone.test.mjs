// On a 390 px phone no page scrolls sideways: every page of both sides, in English and in
// Arabic (right to left), in both dashboard layouts. Tables scroll inside their own box or
// become cards; nothing else may be wider than the screen.
import test from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, setOrgSettings, signIn, locale, consolePages, dashboardPages } from './harness.mjs';

const ctx = useServerAndBrowser();
const PHONE = { width: 390, height: 844 };

/** The page's width, and the outermost elements that stick out of the screen if it is too wide. */
function measure(page) {
  return page.evaluate((width) => {
    const scrollWidth = document.documentElement.scrollWidth;
    const out = [];
    if (scrollWidth > width) {
      for (const el of document.body.querySelectorAll('*')) {
        const r = el.getBoundingClientRect();
        const sticksOut = r.width > 0 && (r.right > width + 0.5 || r.left < -0.5);
        const parentSticksOut = el.parentElement && (() => {
          const p = el.parentElement.getBoundingClientRect();
          return p.right > width + 0.5 || p.left < -0.5;
        })();
        if (sticksOut && !parentSticksOut) {
          out.push(`<${el.tagName.toLowerCase()} class="${el.className}"> ${Math.round(r.left)}..${Math.round(r.right)}`);
        }
      }
    }
    return { scrollWidth, out: out.slice(0, 5) };
  }, PHONE.width);
}

function checker() {
  const problems = [];
  return {
    async check(page, label) {
      const { scrollWidth, out } = await measure(page);
      if (scrollWidth > PHONE.width) problems.push(`${label}: ${scrollWidth} px wide\n    ${out.join('\n    ')}`);
    },
    done() {
      assert.equal(problems.length, 0, `\n${problems.join('\n')}`);
    },
  };
}

const noLoading = (page, t) => page.waitForFunction((text) => !document.body.innerText.includes(text), t('common.loading'));

async function visit(page, path, t, ready) {
  await page.goto(`${ctx.server.url}${path}`);
  await page.locator('h1').first().waitFor();
  if (ready) await ready(page).first().waitFor();
  await noLoading(page, t);
}

async function phone(lang) {
  const context = await ctx.browser.newContext({ locale: lang, viewport: PHONE, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  page.on('dialog', (d) => d.accept());
  return page;
}

const apiGet = (page, path) => page.evaluate(async (p) => (await fetch(`/api/v1${p}`)).json(), path);

test('signed out: the login, password reset and not-found pages fit a phone', async () => {
  const c = checker();
  for (const lang of ['en', 'ar']) {
    const t = locale(lang);
    const page = await phone(lang);
    for (const path of ['/login', '/forgot-password', '/no-such-page']) {
      await visit(page, path, t, null);
      await c.check(page, `${path} (${lang})`);
    }
    await page.context().close();
  }
  c.done();
});

for (const lang of ['en', 'ar']) {
  test(`every console page fits a phone (${lang})`, async () => {
    const t = locale(lang);
    const c = checker();
    const page = await phone(lang);
    await signIn(page, ctx.server.url, 'owner@northwind.test', undefined, t);
    await page.waitForURL(`${ctx.server.url}/agency/orgs`);
    const ids = await Promise.all(['acme', 'globex'].map(async (q) => (await apiGet(page, `/orgs?q=${q}`)).items[0].id));
    for (const [path, ready] of [...consolePages(t, ids), ['/agency/account', null]]) {
      await visit(page, path, t, ready);
      await c.check(page, `${path} (${lang})`);
    }
    // A new API key, shown once: 68 characters in one field.
    await visit(page, '/agency/integrations', t, null);
    await page.getByRole('button', { name: t('integrations.create_key') }).click();
    await page.getByLabel(t('integrations.secret_label')).waitFor();
    await c.check(page, `/agency/integrations with a new key (${lang})`);
    await page.context().close();
    c.done();
  });
}

test('every dashboard page fits a phone: both layouts, English and Arabic', async () => {
  const c = checker();
  try {
    for (const lang of ['en', 'ar']) {
      await setOrgSettings(ctx, 'acme', { dashboard_language: lang, canned_responses_enabled: true, billing_enabled: true });
      await setOrgSettings(ctx, 'globex', { dashboard_language: lang, canned_responses_enabled: true, billing_enabled: true });
      const t = locale(lang);
      for (const email of ['admin@acme.test', 'admin@globex.test']) {
        const page = await phone('en');
        await signIn(page, ctx.server.url, email);
        await page.waitForURL(`${ctx.server.url}/app`);
        const me = await apiGet(page, '/me');
        const conversations = (await apiGet(page, `/orgs/${me.org.id}/conversations?per_page=2`)).items ?? [];
        for (const [path, ready] of [...dashboardPages(t, conversations.map((x) => x.id)), ['/app/account', null]]) {
          await visit(page, path, t, ready);
          await c.check(page, `${email} ${path} (${lang})`);
        }
        await page.context().close();
      }
    }
  } finally {
    await setOrgSettings(ctx, 'acme', { dashboard_language: 'en', billing_enabled: false });
    await setOrgSettings(ctx, 'globex', { dashboard_language: 'en' });
  }
  c.done();
});

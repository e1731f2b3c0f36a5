// Accessibility: axe-core (WCAG 2.0/2.1/2.2 A and AA rules) on every page of the agency
// console and the client dashboard, in the vertical and horizontal layouts, in Arabic
// (right-to-left) too, and with menus and confirmations open. Each page is scanned once
// its real content is on screen, then walked with Tab: every visible control must be
// reached, with a focus ring. Failures are collected per test, so one run lists them all.
import test from 'node:test';
import assert from 'node:assert/strict';
import {
  useServerAndBrowser, setOrgSettings, signIn, locale, expectNoAxeViolations, expectAllControlsReachableByTab,
  consolePages, dashboardPages, openRowMenu,
} from './harness.mjs';

const ctx = useServerAndBrowser();
const en = locale('en');
const ar = locale('ar');

/** Scans, and keeps the failure instead of stopping at the first page. */
function scanner() {
  const problems = [];
  return {
    async scan(page, label) {
      try {
        // Beyond WCAG A/AA, axe's best practices too: they pass, and Lighthouse checks them.
        await expectNoAxeViolations(page, label, { extraTags: ['best-practice'] });
      } catch (e) {
        problems.push(e.message);
      }
      try {
        await expectAllControlsReachableByTab(page, label);
      } catch (e) {
        problems.push(e.message);
      }
    },
    done() {
      assert.equal(problems.length, 0, `\n${problems.join('\n\n')}`);
    },
  };
}

/** Waits until no "Loading…" is left on the page. */
const noLoading = (page, t) => page.waitForFunction((text) => !document.body.innerText.includes(text), t('common.loading'));

/** Goes to `path` and waits for its level-1 heading, `ready` (a locator) and no loading text. */
async function visit(page, path, t, ready) {
  await page.goto(`${ctx.server.url}${path}`);
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  if (ready) await ready(page).first().waitFor();
  await noLoading(page, t);
}

async function signedIn(email, { lang = 'en', viewport } = {}) {
  const context = await ctx.browser.newContext({ locale: lang, viewport });
  const page = await context.newPage();
  page.on('dialog', (d) => d.accept());
  await signIn(page, ctx.server.url, email, undefined, locale(lang));
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  return page;
}

/** An id from the API, with the page's session. */
const apiGet = (page, path) => page.evaluate(async (p) => (await fetch(`/api/v1${p}`)).json(), path);

async function orgId(page, q) {
  return (await apiGet(page, `/orgs?q=${q}`)).items[0].id;
}

test('the login page, empty and with a wrong password, in English and Arabic', async () => {
  const s = scanner();
  for (const lang of ['en', 'ar']) {
    const t = locale(lang);
    const context = await ctx.browser.newContext({ locale: lang });
    const page = await context.newPage();
    await page.goto(`${ctx.server.url}/login`);
    await page.getByLabel(t('login.email')).waitFor();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await s.scan(page, `login (${lang})`);
    await page.getByLabel(t('login.email')).fill('nobody@example.test');
    await page.getByLabel(t('login.password')).fill('wrong-password');
    await page.getByRole('button', { name: t('login.submit') }).click();
    await page.getByRole('alert').waitFor();
    await s.scan(page, `login with an error (${lang})`);
    await page.goto(`${ctx.server.url}/no-such-page`);
    const notFound = page.getByRole('heading', { level: 1, name: t('not_found.title') });
    await notFound.waitFor();
    // A page of its own, centred in the sign-in page's card, not bare text in a corner.
    const box = await notFound.boundingBox();
    assert.ok(box.x > page.viewportSize().width * 0.2, `the heading starts at x=${box.x}`);
    await page.getByRole('link', { name: t('not_found.home') }).waitFor();
    await s.scan(page, `not found (${lang})`);
    await context.close();
  }
  s.done();
});

for (const lang of ['en', 'ar']) {
  test(`every page of the agency console (${lang})`, async () => {
    const t = locale(lang);
    const s = scanner();
    const page = await signedIn('owner@northwind.test', { lang });
    await page.getByRole('link', { name: 'Acme Dental' }).waitFor();
    if (lang === 'ar') assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
    const acme = await orgId(page, 'acme');
    const globex = await orgId(page, 'globex');
    const pages = consolePages(t, [acme, globex]);
    for (const [path, ready] of pages) {
      await visit(page, path, t, ready);
      await s.scan(page, `console ${path} (${lang})`);
    }

    // States: an unsaved change (the save bar), the delete confirmation open,
    // a form sent empty (its errors shown), the org list searched to nothing.
    await visit(page, `/agency/orgs/${acme}`, t, (p) => p.getByLabel(t('settings.language')));
    await page.getByLabel(t('settings.layout_horizontal')).check();
    await page.getByRole('region', { name: t('save_bar.label') }).waitFor();
    await page.getByRole('button', { name: t('danger.delete') }).click();
    await page.getByLabel(t('danger.delete_confirm_label', { word: t('danger.delete_word'), name: 'Acme Dental' })).waitFor();
    await s.scan(page, `console org info with unsaved changes and delete confirmation (${lang})`);
    await page.getByRole('button', { name: t('save_bar.discard') }).click();

    await visit(page, '/agency/orgs/new', t, (p) => p.getByLabel(t('org_new.name')));
    await page.getByRole('button', { name: t('org_new.submit') }).click();
    await page.locator('[aria-invalid="true"]').first().waitFor();
    await s.scan(page, `console new org with errors (${lang})`);

    await visit(page, '/agency/orgs?q=zzzz-no-match', t, (p) => p.getByText(t('orgs.no_match')));
    await s.scan(page, `console org list without matches (${lang})`);

    // A user's row menu open with its delete question, then the user's edit dialog.
    await visit(page, `/agency/orgs/${acme}/users`, t, (p) => p.getByRole('rowheader', { name: 'Andy Agent' }));
    await openRowMenu(page, 'Andy Agent', t);
    await page.getByRole('button', { name: t('users.delete', { name: 'Andy Agent' }) }).click();
    await page.getByRole('group', { name: t('users.delete_question', { name: 'Andy Agent' }) }).waitFor();
    await s.scan(page, `console users with a row menu asking to delete (${lang})`);
    await page.keyboard.press('Escape');
    // The scan walked the page with Tab, which left (and so closed) the menu.
    await openRowMenu(page, 'Andy Agent', t);
    await page.getByRole('button', { name: t('users.edit', { name: 'Andy Agent' }) }).click();
    await page.getByRole('dialog', { name: t('users.edit', { name: 'Andy Agent' }) }).waitFor();
    await s.scan(page, `console users with the edit dialog open (${lang})`);
    await page.context().close();
    s.done();
  });
}

/** Every dashboard page `email` may open, scanned, plus the reply box's saved replies. */
async function scanDashboard(s, email, t, label) {
  const page = await signedIn(email);
  await page.getByRole('navigation', { name: t('common.main_navigation') }).waitFor();
  const me = await apiGet(page, '/me');
  const org = me.org.id;
  const conversations = (await apiGet(page, `/orgs/${org}/conversations?per_page=100`)).items ?? [];
  const paths = dashboardPages(t, conversations.slice(0, 2).map((c) => c.id));
  for (const [path, ready] of paths) {
    await page.goto(`${ctx.server.url}${path}`);
    await page.locator('main h1').first().waitFor();
    if (ready) await ready(page).first().waitFor();
    await noLoading(page, t);
    await s.scan(page, `dashboard ${path} (${label})`);
  }
  // A conversation this user handles, whatever the seed holds: a visitor asks for a person
  // and the user takes the chat over. Then the reply box, with the saved replies list open.
  if ((await apiGet(page, `/orgs/${org}/canned-responses`)).total === 0) await addSavedReply(page, org);
  const waiting = await askForAPerson(org, me.agents[0].id, `a11y-${email}-${t('conversation.reply')}`);
  await page.goto(`${ctx.server.url}/app/conversations/${waiting}`);
  await page.getByRole('button', { name: t('conversation.take_over') }).click();
  const reply = page.getByLabel(t('conversation.reply'), { exact: true });
  await reply.pressSequentially('/');
  await page.getByRole('listbox').waitFor();
  await s.scan(page, `dashboard reply box with saved replies open (${label})`);
  await page.context().close();
}

/** A saved reply in `org`, added by the signed-in org admin through the API. */
async function addSavedReply(page, org) {
  const status = await page.evaluate(async (org) => {
    const csrf = document.cookie.split('; ').find((c) => c.startsWith('atrium_csrf=')).split('=')[1];
    const res = await fetch(`/api/v1/orgs/${org}/canned-responses`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
      body: JSON.stringify({ shortcode: 'hello', title: 'Hello', body: 'Hello {{contact.name}}, how can we help?' }),
    });
    return res.status;
  }, org);
  assert.equal(status, 201);
}

/** A new conversation in `org` whose visitor asked for a person (status waiting); its id. */
async function askForAPerson(org, agent, externalId) {
  const reply = await fetch(`${ctx.server.url}/api/v1/ingest/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: 'Bearer northwind-demo-key' },
    body: JSON.stringify({ org_id: org, agent_id: agent, external_id: externalId, author: 'visitor', text: 'Hello?', contact_name: 'Axe Visitor', handoff_requested: true }),
  });
  assert.equal(reply.status, 200, await reply.clone().text());
  const body = await reply.json();
  assert.equal(body.status, 'waiting');
  return body.conversation_id;
}

test('every dashboard page: Acme (vertical) and Globex (horizontal), in English', async () => {
  const s = scanner();
  // Saved replies on: the reply box's picker is scanned in both layouts.
  await setOrgSettings(ctx, 'acme', { canned_responses_enabled: true });
  await setOrgSettings(ctx, 'globex', { canned_responses_enabled: true });
  await scanDashboard(s, 'admin@acme.test', en, 'Acme, vertical, en');
  await scanDashboard(s, 'agent@acme.test', en, 'Acme agent, vertical, en');
  await scanDashboard(s, 'admin@globex.test', en, 'Globex, horizontal, en');
  s.done();
});

test('every dashboard page in Arabic, in both layouts', async () => {
  const s = scanner();
  await setOrgSettings(ctx, 'acme', { dashboard_language: 'ar', dashboard_layout: 'vertical', canned_responses_enabled: true });
  await setOrgSettings(ctx, 'globex', { dashboard_language: 'ar', dashboard_layout: 'horizontal', canned_responses_enabled: true });
  try {
    await scanDashboard(s, 'admin@acme.test', ar, 'Acme, vertical, ar');
    await scanDashboard(s, 'agent@acme.test', ar, 'Acme agent, vertical, ar');
    await scanDashboard(s, 'admin@globex.test', ar, 'Globex, horizontal, ar');
  } finally {
    await setOrgSettings(ctx, 'acme', { dashboard_language: 'en', dashboard_layout: 'vertical' });
    await setOrgSettings(ctx, 'globex', { dashboard_language: 'en', dashboard_layout: 'horizontal' });
  }
  s.done();
});

test('open states: the phone menu, a live handoff notice, "log in as"', async () => {
  const s = scanner();
  for (const [email, lang] of [['admin@acme.test', 'en'], ['admin@globex.test', 'en']]) {
    const t = locale(lang);
    const page = await signedIn(email, { viewport: { width: 375, height: 740 } });
    const menu = page.getByRole('button', { name: t('common.menu') });
    await menu.waitFor();
    await page.getByRole('heading', { level: 1 }).waitFor();
    // The home's counts arrive after the heading: walk the page once they are drawn.
    await page.getByRole('link', { name: t('home.open_handoffs') }).waitFor();
    await s.scan(page, `phone, menu closed (${email})`);
    await menu.click();
    await page.getByRole('navigation', { name: t('common.main_navigation') }).getByRole('link').first().waitFor();
    await s.scan(page, `phone, menu open (${email})`);
    await page.context().close();
  }

  // A visitor asks for a person while the inbox is open: the live notice appears.
  await setOrgSettings(ctx, 'acme', { smart_handoff_enabled: true });
  const inbox = await signedIn('agent@acme.test');
  await inbox.getByRole('navigation', { name: en('common.main_navigation') }).waitFor();
  const me = await apiGet(inbox, '/me');
  await visit(inbox, '/app/conversations', en, (p) => p.locator('main table'));
  for (const text of ['Hello, I need help', 'Can I talk to a person please?']) {
    const res = await fetch(`${ctx.server.url}/api/v1/ingest/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer northwind-demo-key' },
      body: JSON.stringify({
        org_id: me.org.id, agent_id: me.agents.find((a) => a.name === 'Support Bot').id,
        external_id: 'a11y-visitor', author: 'visitor', text, contact_name: 'Ada Access',
      }),
    });
    assert.equal(res.status, 200, await res.text());
  }
  await inbox.getByRole('alert').filter({ hasText: en('inbox.new_handoff') }).waitFor();
  await s.scan(inbox, 'dashboard inbox with a live handoff notice');
  await inbox.context().close();
  await setOrgSettings(ctx, 'acme', { smart_handoff_enabled: false });

  // Agency staff viewing a client's dashboard carry a banner with the way back.
  const page = await signedIn('owner@northwind.test');
  const acme = await orgId(page, 'acme');
  await visit(page, `/agency/orgs/${acme}/users`, en, (p) => p.getByRole('heading', { name: en('users.title') }));
  await openRowMenu(page, 'Alice Acme', en);
  await page.getByRole('button', { name: en('users.log_in_as', { name: 'Alice Acme' }) }).click();
  await page.getByRole('button', { name: en('impersonation.back') }).waitFor();
  await page.getByRole('heading', { level: 1 }).waitFor();
  await s.scan(page, 'dashboard while "logged in as" (banner)');
  await page.context().close();
  s.done();
});

/** The agency's brand colour, changed by its owner through the API (with CSRF). */
async function setBrandColour(colour) {
  const page = await signedIn('owner@northwind.test');
  await page.getByRole('link', { name: 'Acme Dental' }).waitFor();
  const status = await page.evaluate(async (colour) => {
    const csrf = document.cookie.split('; ').find((c) => c.startsWith('atrium_csrf=')).split('=')[1];
    const { branding } = await (await fetch('/api/v1/agency')).json();
    const res = await fetch('/api/v1/agency', {
      method: 'PUT', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
      body: JSON.stringify({ ...branding, primary_color: colour }),
    });
    return res.status;
  }, colour);
  await page.context().close();
  assert.equal(status, 200, `saving the brand colour ${colour}`);
}

test('a light brand colour keeps text, buttons and the current page readable', async () => {
  const s = scanner();
  // Yellow and light green fail 4.5:1 with white: the client must not use them as they are.
  for (const colour of ['#facc15', '#4ade80']) {
    await setBrandColour(colour);
    try {
      const context = await ctx.browser.newContext();
      const login = await context.newPage();
      await login.goto(`${ctx.server.url}/login`);
      await login.getByLabel(en('login.email')).waitFor();
      await login.waitForFunction(() => document.documentElement.style.getPropertyValue('--brand') !== '');
      await s.scan(login, `login with brand ${colour}`);
      await context.close();

      const page = await signedIn('owner@northwind.test');
      await page.waitForFunction(() => document.documentElement.style.getPropertyValue('--brand') !== '');
      const acme = await orgId(page, 'acme');
      await visit(page, '/agency/orgs', en, (p) => p.getByRole('link', { name: 'Acme Dental' }));
      await s.scan(page, `console org list with brand ${colour}`);
      await visit(page, `/agency/orgs/${acme}`, en, (p) => p.getByLabel(en('settings.language')));
      await page.getByLabel(en('settings.layout_horizontal')).check();
      await page.getByRole('region', { name: en('save_bar.label') }).waitFor();
      await s.scan(page, `console org info with a draft, brand ${colour}`);
      await page.getByRole('button', { name: en('save_bar.discard') }).click();
      await page.context().close();

      const client = await signedIn('agent@acme.test');
      await client.getByRole('navigation', { name: en('common.main_navigation') }).waitFor();
      await client.waitForFunction(() => document.documentElement.style.getPropertyValue('--brand') !== '');
      await visit(client, '/app/conversations', en, (p) => p.locator('main table'));
      await s.scan(client, `dashboard inbox with brand ${colour}`);
      await client.context().close();
    } finally {
      await setBrandColour('#1d4ed8');
    }
  }
  s.done();
});

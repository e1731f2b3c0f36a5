// The agency console's organization setup, end to end: create, assign agents, edit
// Org Info as a draft that survives reloads, resolve a conflicting save, archive, delete.
import test from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, signIn, locale } from './harness.mjs';

const t = locale('en');
const es = locale('es');
const ar = locale('ar');
const ctx = useServerAndBrowser();

async function signedInPage(email = 'admin@northwind.test') {
  const context = await ctx.browser.newContext();
  const page = await context.newPage();
  // Leaving with unsaved changes asks; these tests mean to leave.
  page.on('dialog', (d) => d.accept());
  await signIn(page, ctx.server.url, email);
  await page.waitForURL(`${ctx.server.url}/agency/orgs`);
  return page;
}

async function createOrg(page, name) {
  await page.getByRole('link', { name: t('orgs.new_org') }).click();
  await page.getByLabel(t('org_new.name')).fill(name);
  await page.getByRole('button', { name: t('org_new.submit') }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
  return new URL(page.url()).pathname;
}

const tab = (page, name) => page.getByRole('navigation', { name: t('org.tabs_label') }).getByRole('link', { name });
const saveBar = (page) => page.getByRole('region', { name: t('save_bar.label') });

test('create an org, assign two agents, change language and layout, save, reload', async () => {
  const page = await signedInPage();
  const orgPath = await createOrg(page, 'Umbrella Clinic');
  const checklist = page.getByRole('region', { name: t('checklist.title') });
  await checklist.getByText(t('checklist.agents')).waitFor();
  assert.match(await checklist.innerText(), new RegExp(`${t('checklist.agents')}\\s*${t('checklist.todo')}`));

  // Each step links to the tab where it is done.
  await checklist.getByRole('link', { name: t('checklist.agents') }).click();
  await page.waitForURL(`${ctx.server.url}${orgPath}/agents`);
  await page.getByRole('checkbox', { name: 'Support Bot' }).check();
  await page.getByRole('checkbox', { name: 'Reception Line' }).check();
  await page.getByRole('button', { name: t('assign.save') }).click();
  await page.getByText(t('assign.saved')).waitFor();
  assert.match(await checklist.innerText(), new RegExp(`${t('checklist.agents')}\\s*${t('checklist.done')}`));
  // Live: adding the first user ticks "add users" without a reload.
  await checklist.getByRole('link', { name: t('checklist.users') }).click();
  await page.waitForURL(`${ctx.server.url}${orgPath}/users`);
  assert.match(await checklist.innerText(), new RegExp(`${t('checklist.users')}\\s*${t('checklist.todo')}`));
  await page.getByLabel(t('users.name')).fill('Una Umbrella');
  await page.getByLabel(t('users.email')).fill('una@umbrella.test');
  await page.getByRole('button', { name: t('users.add') }).click();
  await page.getByRole('rowheader', { name: 'Una Umbrella' }).waitFor();
  await page.waitForFunction(([region, users, done]) => {
    const list = [...document.querySelectorAll('section.checklist li')].find((li) => li.innerText.includes(users));
    return list && list.innerText.includes(done);
  }, [t('checklist.title'), t('checklist.users'), t('checklist.done')]);

  await tab(page, t('org.tab_info')).click();
  await page.getByLabel(t('settings.language')).selectOption('es');
  await page.getByLabel(t('settings.layout_horizontal')).check();
  await saveBar(page).getByText(t('save_bar.changes', { count: 2 })).waitFor();
  await saveBar(page).getByRole('button', { name: t('save_bar.save') }).click();
  await page.getByText(t('save_bar.saved')).waitFor();
  await saveBar(page).waitFor({ state: 'detached' });

  await page.goto(`${ctx.server.url}${orgPath}`);
  await page.getByLabel(t('settings.language')).waitFor();
  assert.equal(await page.getByLabel(t('settings.language')).inputValue(), 'es');
  assert.equal(await page.getByLabel(t('settings.layout_horizontal')).isChecked(), true);
  await tab(page, t('org.tab_agents')).click();
  assert.equal(await page.getByRole('checkbox', { name: 'Support Bot' }).isChecked(), true);
  assert.equal(await page.getByRole('checkbox', { name: 'Reception Line' }).isChecked(), true);
  assert.equal(await page.getByRole('checkbox', { name: 'Sales Bot' }).isChecked(), false);
  await page.context().close();
});

test('the live preview follows the draft before it is saved', async () => {
  const page = await signedInPage();
  await createOrg(page, 'Preview Dental');
  const preview = page.getByRole('region', { name: t('preview.title') });
  await preview.getByText(t('dashboard.nav_home'), { exact: true }).waitFor();
  assert.equal(await preview.getByText(t('dashboard.nav_billing')).count(), 0);
  await page.getByLabel(t('settings.billing')).check();
  await preview.getByText(t('dashboard.nav_billing')).waitFor();
  await page.getByLabel(t('settings.language')).selectOption('es');
  await preview.getByText(es('dashboard.nav_home'), { exact: true }).waitFor();
  await page.getByLabel(t('settings.handoff_enabled')).uncheck();
  await preview.getByText(es('preview.handle_chat')).waitFor({ state: 'detached' });
  // Horizontal: the sections in a row (the console's own vertical layout does not leak in).
  const first = preview.getByRole('listitem').nth(0);
  const second = preview.getByRole('listitem').nth(1);
  await page.getByLabel(t('settings.layout_horizontal')).check();
  await page.waitForFunction(() => document.querySelector('[data-testid=dashboard-preview]').classList.contains('layout-horizontal'));
  let [a, b] = [await first.boundingBox(), await second.boundingBox()];
  assert.equal(Math.round(a.y), Math.round(b.y), 'horizontal sections are in one row');
  assert.ok(b.x > a.x, 'left to right in Spanish');
  // Arabic: right to left.
  await page.getByLabel(t('settings.language')).selectOption('ar');
  await preview.getByText(ar('dashboard.nav_home'), { exact: true }).waitFor();
  assert.equal(await page.getByTestId('dashboard-preview').getAttribute('dir'), 'rtl');
  [a, b] = [await first.boundingBox(), await second.boundingBox()];
  assert.ok(b.x < a.x, 'right to left in Arabic');
  // Vertical: one under the other.
  await page.getByLabel(t('settings.layout_vertical')).check();
  await page.waitForFunction(() => document.querySelector('[data-testid=dashboard-preview]').classList.contains('layout-vertical'));
  [a, b] = [await first.boundingBox(), await second.boundingBox()];
  assert.ok(b.y > a.y, 'vertical sections are stacked');
  await page.context().close();
});

test('an unsaved draft survives a reload and leaves only with Discard', async () => {
  const page = await signedInPage();
  const orgPath = await createOrg(page, 'Draft Dental');
  await page.getByLabel(t('settings.layout_horizontal')).check();
  await page.getByLabel(t('settings.canned')).uncheck();
  await saveBar(page).getByText(t('save_bar.changes', { count: 2 })).waitFor();

  await page.reload();
  await page.getByText(t('save_bar.restored')).waitFor();
  assert.equal(await page.getByLabel(t('settings.layout_horizontal')).isChecked(), true);
  assert.equal(await page.getByLabel(t('settings.canned')).isChecked(), false);
  await saveBar(page).getByText(t('save_bar.changes', { count: 2 })).waitFor();

  // Nothing reached the server.
  const saved = await page.evaluate(async (path) => {
    const id = path.split('/').pop();
    return (await fetch(`/api/v1/orgs/${id}`)).json();
  }, orgPath);
  assert.equal(saved.settings.dashboard_layout, 'vertical');

  await saveBar(page).getByRole('button', { name: t('save_bar.discard') }).click();
  assert.equal(await page.getByLabel(t('settings.layout_vertical')).isChecked(), true);
  await page.reload();
  await page.getByLabel(t('settings.language')).waitFor();
  assert.equal(await page.getByText(t('save_bar.restored')).count(), 0);
  assert.equal(await page.getByLabel(t('settings.layout_vertical')).isChecked(), true);
  await page.context().close();
});

test('leaving unsaved work asks in the page, not in a browser dialog: Org Info and the Agents tab', async () => {
  const page = await signedInPage();
  let browserDialogs = 0;
  page.on('dialog', () => { browserDialogs += 1; });
  const orgPath = await createOrg(page, 'Leaving Dental');
  const question = page.getByRole('dialog', { name: t('leave.title') });
  await page.getByLabel(t('settings.layout_horizontal')).check();

  // Escape keeps the work, and the page.
  await tab(page, t('org.tab_agents')).click();
  await question.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.textContent), t('leave.stay'));
  await page.keyboard.press('Escape');
  await question.waitFor({ state: 'hidden' });
  assert.equal(new URL(page.url()).pathname, orgPath);
  assert.equal(await page.getByLabel(t('settings.layout_horizontal')).isChecked(), true);
  // "Stay" too.
  await tab(page, t('org.tab_agents')).click();
  await question.getByRole('button', { name: t('leave.stay') }).click();
  await question.waitFor({ state: 'hidden' });
  assert.equal(new URL(page.url()).pathname, orgPath);
  // "Leave" follows the link.
  await tab(page, t('org.tab_agents')).click();
  await question.getByRole('button', { name: t('leave.leave') }).click();
  await page.waitForURL(`${ctx.server.url}${orgPath}/agents`);

  // The Agents tab: a ticked agent is unsaved work too.
  await page.getByRole('checkbox', { name: 'Sales Bot' }).check();
  await tab(page, t('org.tab_users')).click();
  await question.getByText(t('assign.leave_confirm')).waitFor();
  await page.keyboard.press('Escape');
  assert.equal(await page.getByRole('checkbox', { name: 'Sales Bot' }).isChecked(), true);
  // Saved, it leaves without asking.
  await page.getByRole('button', { name: t('assign.save') }).click();
  await page.getByText(t('assign.saved')).waitFor();
  await tab(page, t('org.tab_users')).click();
  await page.waitForURL(`${ctx.server.url}${orgPath}/users`);
  assert.equal(await question.isVisible(), false);
  assert.equal(browserDialogs, 0, 'no browser dialog');
  await page.context().close();
});

test('the activity tab says what happened in words, agents by name', async () => {
  const page = await signedInPage();
  const orgPath = await createOrg(page, 'Readable Dental');
  await page.getByLabel(t('settings.billing')).check();
  await page.getByLabel(t('settings.layout_horizontal')).check();
  await saveBar(page).getByRole('button', { name: t('save_bar.save') }).click();
  await page.getByText(t('save_bar.saved')).waitFor();
  await tab(page, t('org.tab_agents')).click();
  await page.getByRole('checkbox', { name: 'Sales Bot' }).check();
  await page.getByRole('button', { name: t('assign.save') }).click();
  await page.getByText(t('assign.saved')).waitFor();
  await tab(page, t('org.tab_activity')).click();
  await page.waitForURL(`${ctx.server.url}${orgPath}/activity`);
  const log = page.getByRole('table', { name: t('activity.title') });
  await log.getByRole('cell', { name: t('activity.created', { name: 'Readable Dental' }) }).waitFor();
  await log.getByRole('cell', { name: t('activity.turned_on', { setting: t('settings.billing') }) }).waitFor();
  await log.getByRole('cell', { name: t('activity.layout_horizontal') }).waitFor();
  await log.getByRole('cell', { name: t('activity.agents_assigned', { names: 'Sales Bot' }) }).waitFor();
  const text = await log.innerText();
  for (const raw of ['settings.', 'billing_enabled', '[', 'false', 'true']) assert.ok(!text.includes(raw), `raw "${raw}" in:\n${text}`);
  await page.context().close();
});

test('a search that finds nothing offers Clear search, and the back link is not marked as the current page', async () => {
  const page = await signedInPage();
  await page.goto(`${ctx.server.url}/agency/orgs?q=zzzz-no-match`);
  await page.getByText(t('orgs.no_match')).waitFor();
  // One page of nothing needs no paging.
  assert.equal(await page.getByRole('navigation', { name: t('pagination.label') }).count(), 0);
  await page.getByRole('button', { name: t('common.clear_search') }).click();
  await page.getByRole('link', { name: 'Acme Dental' }).waitFor();
  assert.equal(await page.getByLabel(t('orgs.search')).inputValue(), '');
  assert.equal(new URL(page.url()).searchParams.get('q'), null);
  await page.getByRole('link', { name: 'Acme Dental' }).click();
  const back = page.getByRole('link', { name: t('org.back') });
  await back.waitFor();
  assert.equal(await back.getAttribute('aria-current'), null);
  await page.context().close();
});

test('a conflicting save shows both versions and loses nothing', async () => {
  const alice = await signedInPage('owner@northwind.test');
  const orgPath = await createOrg(alice, 'Conflict Corp');
  const bob = await signedInPage('admin@northwind.test');
  await bob.goto(`${ctx.server.url}${orgPath}`);
  await bob.getByLabel(t('settings.language')).waitFor();

  // Alice saves first: a new name and billing on.
  await alice.getByLabel(t('org_new.name')).fill('Conflict Corp (Alice)');
  await alice.getByLabel(t('settings.billing')).check();
  await saveBar(alice).getByRole('button', { name: t('save_bar.save') }).click();
  await alice.getByText(t('save_bar.saved')).waitFor();

  // Bob, still on the old version, changes the name too and the layout.
  await bob.getByLabel(t('org_new.name')).fill('Conflict Corp (Bob)');
  await bob.getByLabel(t('settings.layout_horizontal')).check();
  await saveBar(bob).getByRole('button', { name: t('save_bar.save') }).click();
  const panel = bob.getByRole('alert').filter({ hasText: t('conflict.title') });
  await panel.waitFor();
  await panel.getByText('Conflict Corp (Alice)').waitFor();
  await panel.getByText('Conflict Corp (Bob)').waitFor();

  // Bob keeps Alice's name; his layout change and her billing change both survive.
  await panel.getByRole('radio', { name: `${t('org_new.name')}: ${t('conflict.keep_theirs')}` }).check();
  await panel.getByRole('button', { name: t('conflict.apply') }).click();
  await saveBar(bob).getByRole('button', { name: t('save_bar.save') }).click();
  await bob.getByText(t('save_bar.saved')).waitFor();

  const saved = await bob.evaluate(async (path) => (await fetch(`/api/v1/orgs/${path.split('/').pop()}`)).json(), orgPath);
  assert.equal(saved.name, 'Conflict Corp (Alice)');
  assert.equal(saved.settings.dashboard_layout, 'horizontal');
  assert.equal(saved.settings.billing_enabled, true);
  await alice.context().close();
  await bob.context().close();
});

test('archive hides an org from the list; delete needs one word typed, however long the name', async () => {
  const page = await signedInPage();
  // A name as long as names may be: deleting asks for one short word, not for all of it.
  const name = 'Short Lived Dental Practice of the Greater Metropolitan Area, Northern District, Second Branch';
  await createOrg(page, name);
  await page.getByRole('button', { name: t('danger.archive') }).click();
  await page.getByText(t('org.archived_notice')).waitFor();

  await page.goto(`${ctx.server.url}/agency/orgs?q=short`);
  await page.getByText(t('orgs.no_match')).waitFor();
  await page.getByLabel(t('orgs.show')).selectOption('archived');
  await page.getByRole('link', { name }).click();

  await page.getByRole('button', { name: t('danger.delete') }).click();
  const confirm = page.getByRole('button', { name: t('danger.delete_confirm') });
  assert.equal(await confirm.isDisabled(), true);
  const typed = page.getByLabel(t('danger.delete_confirm_label', { word: t('danger.delete_word'), name }));
  await typed.fill('Short');
  assert.equal(await confirm.isDisabled(), true, 'a wrong word deletes nothing');
  await typed.fill(name);
  assert.equal(await confirm.isDisabled(), true, 'the name is not the word asked for');
  await typed.fill(` ${t('danger.delete_word').toUpperCase()} `);
  await confirm.click();
  await page.waitForURL(`${ctx.server.url}/agency/orgs`);
  await page.goto(`${ctx.server.url}/agency/orgs?q=short&archived=true`);
  await page.getByText(t('orgs.no_match')).waitFor();
  await page.context().close();
});

test('the agents pool: add an agent, rename it in a dialog, pause it', async () => {
  const page = await signedInPage();
  await page.getByRole('navigation', { name: t('common.main_navigation') }).getByRole('link', { name: t('console.nav_agents') }).click();
  await page.getByLabel(t('agents.name')).last().fill('Night Shift Bot');
  await page.getByRole('button', { name: t('agents.add') }).click();
  const row = () => page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /^Night/ }) });
  await row().waitFor();
  await row().getByRole('button', { name: t('users.edit', { name: 'Night Shift Bot' }) }).click();
  const dialog = page.getByRole('dialog', { name: t('users.edit', { name: 'Night Shift Bot' }) });
  // A name left empty is refused in the dialog, which stays open.
  await dialog.getByLabel(t('agents.name')).fill('');
  await dialog.getByRole('button', { name: t('users.save') }).click();
  await dialog.getByText(t('errors.field_required')).waitFor();
  await dialog.getByLabel(t('agents.name')).fill('Night Owl Bot');
  await dialog.getByRole('button', { name: t('users.save') }).click();
  await page.getByRole('rowheader', { name: 'Night Owl Bot' }).waitFor();
  await row().getByRole('button', { name: t('agents.pause', { name: 'Night Owl Bot' }) }).click();
  await row().getByRole('button', { name: t('agents.resume', { name: 'Night Owl Bot' }) }).waitFor();
  await page.context().close();
});

test('a list that failed to load offers Retry, which loads it', async () => {
  const page = await signedInPage();
  await page.getByRole('row').nth(1).waitFor();
  // The next org list request fails as a dropped network would.
  let failing = true;
  await page.route(/\/api\/v1\/orgs\?/, (route) => (failing ? route.abort('connectionreset') : route.continue()));
  await page.getByLabel(t('orgs.search')).fill('Acme');
  const alert = page.getByRole('alert').filter({ hasText: t('errors.network') });
  await alert.waitFor();
  failing = false;
  await alert.getByRole('button', { name: t('errors.retry') }).click();
  await page.getByRole('link', { name: 'Acme Dental' }).waitFor();
  assert.equal(await alert.count(), 0);
  await page.context().close();
});

// Last in this file: it adds more orgs than a search looks at.
test('a search matching more orgs than the list looks at says so, and lists the most recent', async () => {
  const page = await signedInPage();
  const statuses = await page.evaluate(async (count) => {
    const csrf = document.cookie.split('; ').find((c) => c.startsWith('atrium_csrf=')).split('=')[1];
    const answers = [];
    for (let i = 1; i <= count; i++) {
      const res = await fetch('/api/v1/orgs', {
        method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
        body: JSON.stringify({ name: `Capybara ${String(i).padStart(3, '0')}` }),
      });
      answers.push(res.status);
    }
    return answers;
  }, 105);
  assert.deepEqual([...new Set(statuses)], [201]);
  await page.getByLabel(t('orgs.search')).fill('capybara');
  const status = page.getByRole('status');
  await status.filter({ hasText: t('orgs.count', { count: 100 }).replace('100', '100+') }).waitFor();
  await status.filter({ hasText: t('common.search_capped', { count: 100 }) }).waitFor();
  // The 100 most recent, by name: 006 to 105; the five oldest wait for a narrower search.
  await page.getByRole('link', { name: 'Capybara 006' }).waitFor();
  assert.equal(await page.getByRole('link', { name: 'Capybara 005' }).count(), 0);
  await page.getByRole('navigation', { name: t('pagination.label') }).getByText(t('pagination.page_of', { page: 1, count: 4 })).waitFor();
  await page.getByLabel(t('orgs.search')).fill('capybara 00');
  await status.filter({ hasText: t('orgs.count', { count: 9 }) }).waitFor();
  await page.getByRole('link', { name: 'Capybara 001' }).waitFor();
  assert.equal(await status.filter({ hasText: t('common.search_capped', { count: 100 }) }).count(), 0);
  await page.context().close();
});

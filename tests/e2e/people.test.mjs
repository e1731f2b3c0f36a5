// People and access, end to end: client users with chosen sections, disabling signs a
// user out, "Log in as" is marked and reversible, teams get keys from their labels.
import test from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, signIn, locale, openRowMenu } from './harness.mjs';

const t = locale('en');
const ctx = useServerAndBrowser();

async function newPage() {
  const context = await ctx.browser.newContext();
  const page = await context.newPage();
  page.on('dialog', (d) => d.accept());
  return page;
}

async function acmeId(page) {
  return page.evaluate(async () => {
    const me = await (await fetch('/api/v1/me')).json();
    return me.org?.id;
  });
}

test('an org admin adds a user who then sees only the sections given', async () => {
  const admin = await newPage();
  await signIn(admin, ctx.server.url, 'admin@acme.test');
  await admin.getByRole('link', { name: t('dashboard.nav_team') }).click();
  await admin.getByRole('heading', { name: t('users.title') }).waitFor();
  await admin.getByLabel(t('users.name')).fill('Hana Home');
  await admin.getByLabel(t('users.email')).fill('hana@acme.test');
  await admin.getByLabel(t('users.generate')).uncheck();
  await admin.getByLabel(t('users.password'), { exact: true }).fill('hana-password-1');
  // Home is preselected; Team is not given.
  assert.equal(await admin.getByRole('checkbox', { name: t('permissions.home') }).isChecked(), true);
  assert.equal(await admin.getByRole('checkbox', { name: t('permissions.team') }).isChecked(), false);
  await admin.getByRole('button', { name: t('users.add') }).click();
  await admin.getByRole('rowheader', { name: 'Hana Home' }).waitFor();

  const hana = await newPage();
  await signIn(hana, ctx.server.url, 'hana@acme.test', 'hana-password-1');
  await hana.waitForURL(`${ctx.server.url}/app`);
  const nav = hana.getByRole('navigation', { name: t('common.main_navigation') });
  await nav.getByRole('link', { name: t('dashboard.nav_home') }).waitFor();
  assert.equal(await nav.getByRole('link', { name: t('dashboard.nav_team') }).count(), 0);
  await hana.goto(`${ctx.server.url}/app/team`);
  await hana.getByRole('heading', { name: t('not_found.unavailable_title') }).waitFor();
  await admin.context().close();
  await hana.context().close();
});

test('deleting a user or a team asks first, in place, never in a browser dialog', async () => {
  const admin = await (await ctx.browser.newContext()).newPage();
  let dialogs = 0;
  admin.on('dialog', (d) => { dialogs += 1; d.dismiss(); });
  await signIn(admin, ctx.server.url, 'admin@acme.test');
  await admin.waitForURL(`${ctx.server.url}/app`);
  await admin.goto(`${ctx.server.url}/app/team`);
  await admin.getByLabel(t('users.name')).fill('Dora Delete');
  await admin.getByLabel(t('users.email')).fill('dora@acme.test');
  await admin.getByRole('button', { name: t('users.add') }).click();
  await admin.getByRole('rowheader', { name: 'Dora Delete' }).waitFor();
  await admin.getByLabel(t('teams.label')).fill('Temporary Desk');
  await admin.getByRole('button', { name: t('teams.add') }).click();
  await admin.getByRole('rowheader', { name: 'Temporary Desk' }).waitFor();
  const names = (list) => admin.evaluate(async (list) => {
    const me = await (await fetch('/api/v1/me')).json();
    const body = await (await fetch(`/api/v1/orgs/${me.org.id}/${list}?per_page=100`)).json();
    return body.items.map((x) => x.name ?? x.label);
  }, list);

  for (const [list, name, label, question, yes] of [
    ['users', 'Dora Delete', t('users.delete', { name: 'Dora Delete' }), t('users.delete_question', { name: 'Dora Delete' }), t('users.delete_yes')],
    ['teams', 'Temporary Desk', t('teams.delete', { label: 'Temporary Desk' }), t('teams.delete_question', { label: 'Temporary Desk' }), t('teams.delete_yes')],
  ]) {
    // Users have more actions than fit a row: theirs are behind the row's Actions menu.
    if (list === 'users') await openRowMenu(admin, name, t);
    const ask = admin.getByRole('button', { name: label });
    // The row already names whom: the button shows the verb alone, named in full.
    assert.equal((await ask.textContent()).trim(), t('row.delete'));
    await ask.click();
    const group = admin.getByRole('group', { name: question });
    await group.waitFor();
    // Focus waits on Cancel; Escape closes the question, focus back on the button, nothing deleted.
    assert.equal(await admin.evaluate(() => document.activeElement?.textContent?.trim()), t('common.cancel'));
    await admin.keyboard.press('Escape');
    await group.waitFor({ state: 'detached' });
    assert.equal(await admin.evaluate(() => document.activeElement?.getAttribute('aria-label')), label);
    assert.ok((await names(list)).includes(name), `${name} is still there`);
    await ask.click();
    await group.getByRole('button', { name: yes }).click();
    await admin.getByRole('rowheader', { name }).waitFor({ state: 'detached' });
    assert.ok(!(await names(list)).includes(name), `${name} is deleted`);
  }
  assert.equal(dialogs, 0, 'no browser dialog');
  await admin.context().close();
});

test('a generated password is shown once and works', async () => {
  const admin = await newPage();
  await signIn(admin, ctx.server.url, 'admin@acme.test');
  await admin.waitForURL(`${ctx.server.url}/app`);
  await admin.goto(`${ctx.server.url}/app/team`);
  await admin.getByLabel(t('users.name')).fill('Gus Generated');
  await admin.getByLabel(t('users.email')).fill('gus@acme.test');
  await admin.getByRole('button', { name: t('users.add') }).click();
  const shown = admin.getByLabel(t('users.password'), { exact: true });
  await admin.getByText(`${t('users.created', { name: 'Gus Generated' })} ${t('users.generated_once')}`).waitFor();
  const password = await shown.inputValue();
  assert.equal(password.length, 16);
  await admin.reload();
  await admin.getByRole('rowheader', { name: 'Gus Generated' }).waitFor();
  assert.equal(await shown.count(), 0, 'the password is shown only once');

  const gus = await newPage();
  await signIn(gus, ctx.server.url, 'gus@acme.test', password);
  await gus.waitForURL(`${ctx.server.url}/app`);
  await admin.context().close();
  await gus.context().close();
});

test('a disabled user is signed out', async () => {
  const user = await newPage();
  await signIn(user, ctx.server.url, 'agent@acme.test');
  await user.waitForURL(`${ctx.server.url}/app`);

  const owner = await newPage();
  await signIn(owner, ctx.server.url, 'owner@northwind.test');
  await owner.waitForURL(`${ctx.server.url}/agency/orgs`);
  await owner.getByRole('link', { name: 'Acme Dental' }).click();
  await owner.getByRole('navigation', { name: t('org.tabs_label') }).getByRole('link', { name: t('org.tab_users') }).click();
  await openRowMenu(owner, 'Andy Agent', t);
  await owner.getByRole('button', { name: t('users.disable', { name: 'Andy Agent' }) }).click();
  await openRowMenu(owner, 'Andy Agent', t);
  await owner.getByRole('button', { name: t('users.enable', { name: 'Andy Agent' }) }).waitFor();

  await user.reload();
  await user.waitForURL(/\/login/);
  // And cannot sign back in.
  await signIn(user, ctx.server.url, 'agent@acme.test');
  await user.getByRole('alert').filter({ hasText: t('errors.invalid_credentials') }).waitFor();

  await owner.getByRole('button', { name: t('users.enable', { name: 'Andy Agent' }) }).click();
  await openRowMenu(owner, 'Andy Agent', t);
  await owner.getByRole('button', { name: t('users.disable', { name: 'Andy Agent' }) }).waitFor();
  await owner.context().close();
  await user.context().close();
});

test('"Log in as" opens the client dashboard, marked, with a way back', async () => {
  const owner = await newPage();
  await signIn(owner, ctx.server.url, 'owner@northwind.test');
  await owner.waitForURL(`${ctx.server.url}/agency/orgs`);
  await owner.getByRole('link', { name: 'Acme Dental' }).click();
  await owner.getByRole('navigation', { name: t('org.tabs_label') }).getByRole('link', { name: t('org.tab_users') }).click();
  await openRowMenu(owner, 'Alice Acme', t);
  await owner.getByRole('button', { name: t('users.log_in_as', { name: 'Alice Acme' }) }).click();
  await owner.waitForURL(`${ctx.server.url}/app`);
  const banner = t('impersonation.banner', { org: 'Acme Dental', user: 'Alice Acme', staff: 'Nadia Owner' });
  await owner.getByText(banner).waitFor();
  // Marked on every page, not just the first.
  await owner.getByRole('link', { name: t('dashboard.nav_team') }).click();
  await owner.getByText(banner).waitFor();
  // What is changed meanwhile is the staff member's doing, on the client's behalf.
  await owner.getByLabel(t('teams.label')).fill('Night Shift');
  await owner.getByRole('button', { name: t('teams.add') }).click();
  await owner.getByRole('rowheader', { name: 'Night Shift' }).waitFor();
  await owner.getByRole('button', { name: t('impersonation.back') }).click();
  await owner.waitForURL(`${ctx.server.url}/agency/orgs`);
  await owner.getByRole('table', { name: t('orgs.title') }).waitFor();
  await owner.getByRole('link', { name: 'Acme Dental' }).click();
  await owner.getByRole('navigation', { name: t('org.tabs_label') }).getByRole('link', { name: t('org.tab_activity') }).click();
  const created = owner.getByRole('row').filter({ hasText: 'night_shift' });
  await created.getByText('Nadia Owner').waitFor();
  await created.getByText(t('activity.on_behalf_of', { name: 'Alice Acme' })).waitFor();
  await owner.context().close();
});

test('a team gets its key from the label and lists its members', async () => {
  const admin = await newPage();
  await signIn(admin, ctx.server.url, 'admin@acme.test');
  await admin.waitForURL(`${ctx.server.url}/app`);
  await admin.goto(`${ctx.server.url}/app/team`);
  await admin.getByLabel(t('teams.label')).fill('Customer Support');
  assert.equal(await admin.getByLabel(t('teams.key'), { exact: true }).inputValue(), 'customer_support');
  await admin.getByRole('group', { name: t('teams.members') }).getByLabel('Andy Agent').check();
  await admin.getByRole('button', { name: t('teams.add') }).click();
  const row = admin.getByRole('row').filter({ has: admin.getByRole('rowheader', { name: 'Customer Support' }) });
  await row.waitFor();
  await row.getByText('customer_support').waitFor();
  await row.getByText('Andy Agent').waitFor();
  // A taken key is refused next to the field.
  await admin.getByLabel(t('teams.label')).fill('Front Desk');
  await admin.getByRole('button', { name: t('teams.add') }).click();
  await admin.locator('#team-key-error').filter({ hasText: t('errors.field_taken') }).waitFor();
  assert.ok(await acmeId(admin));
  await admin.context().close();
});

test("a new team's typed fields survive deleting another team from the list", async () => {
  const admin = await newPage();
  await signIn(admin, ctx.server.url, 'admin@acme.test');
  await admin.waitForURL(`${ctx.server.url}/app`);
  await admin.goto(`${ctx.server.url}/app/team`);
  await admin.getByLabel(t('teams.label')).fill('Short Lived');
  await admin.getByRole('button', { name: t('teams.add') }).click();
  await admin.getByRole('rowheader', { name: 'Short Lived' }).waitFor();
  // Half-way through the next team, another one is deleted: the list reloads, the form keeps its text.
  await admin.getByLabel(t('teams.label')).fill('Night Shift');
  await admin.getByLabel(t('teams.description')).fill('Covers the late hours.');
  await admin.getByRole('group', { name: t('teams.members') }).getByLabel('Andy Agent').check();
  await admin.getByRole('button', { name: t('teams.delete', { label: 'Short Lived' }) }).click();
  await admin.getByRole('group', { name: t('teams.delete_question', { label: 'Short Lived' }) })
    .getByRole('button', { name: t('teams.delete_yes') }).click();
  await admin.getByRole('rowheader', { name: 'Short Lived' }).waitFor({ state: 'detached' });
  assert.equal(await admin.getByLabel(t('teams.label')).inputValue(), 'Night Shift');
  assert.equal(await admin.getByLabel(t('teams.key'), { exact: true }).inputValue(), 'night_shift');
  assert.equal(await admin.getByLabel(t('teams.description')).inputValue(), 'Covers the late hours.');
  assert.ok(await admin.getByRole('group', { name: t('teams.members') }).getByLabel('Andy Agent').isChecked());
  await admin.context().close();
});

test('an owner adds staff with a generated password and changes roles; the last owner stays', async () => {
  const owner = await newPage();
  await signIn(owner, ctx.server.url, 'owner@northwind.test');
  await owner.waitForURL(`${ctx.server.url}/agency/orgs`);
  await owner.getByRole('link', { name: t('staff.nav') }).click();
  await owner.getByLabel(t('users.name')).fill('Sven Staff');
  await owner.getByLabel(t('users.email')).fill('sven@northwind.test');
  await owner.getByRole('button', { name: t('staff.add') }).click();
  const password = await owner.getByLabel(t('users.password'), { exact: true }).inputValue();
  await owner.getByRole('rowheader', { name: 'Sven Staff' }).waitFor();
  // The change must reach the server before the reload.
  const saved = owner.waitForResponse((r) => r.request().method() === 'PATCH' && /\/staff\/\d+$/.test(r.url()));
  await owner.getByLabel(t('staff.role_of', { name: 'Sven Staff' })).selectOption('admin');
  assert.equal((await saved).status(), 200);
  await owner.reload();
  assert.equal(await owner.getByLabel(t('staff.role_of', { name: 'Sven Staff' })).inputValue(), 'admin');
  // Demoting the only owner is refused, and said so.
  await owner.getByLabel(t('staff.role_of', { name: 'Nadia Owner' })).selectOption('member');
  await owner.getByRole('alert').filter({ hasText: t('errors.conflict') }).waitFor();

  const sven = await newPage();
  await signIn(sven, ctx.server.url, 'sven@northwind.test', password);
  await sven.waitForURL(`${ctx.server.url}/agency/orgs`);
  await owner.context().close();
  await sven.context().close();
});

test('removing a staff member asks first, in place; Cancel keeps them', async () => {
  const owner = await newPage();
  await signIn(owner, ctx.server.url, 'owner@northwind.test');
  await owner.waitForURL(`${ctx.server.url}/agency/orgs`);
  await owner.getByRole('link', { name: t('staff.nav') }).click();
  await owner.getByLabel(t('users.name')).fill('Rita Remove');
  await owner.getByLabel(t('users.email')).fill('rita@northwind.test');
  await owner.getByRole('button', { name: t('staff.add') }).click();
  await owner.getByRole('rowheader', { name: 'Rita Remove' }).waitFor();
  const remove = owner.getByRole('button', { name: t('staff.remove', { name: 'Rita Remove' }) });
  assert.equal((await remove.textContent()).trim(), t('row.remove'));
  await remove.click();
  const question = owner.getByRole('group', { name: t('staff.remove_question', { name: 'Rita Remove' }) });
  await question.getByRole('button', { name: t('common.cancel') }).click();
  await question.waitFor({ state: 'detached' });
  await owner.reload();
  await owner.getByRole('rowheader', { name: 'Rita Remove' }).waitFor();
  await remove.click();
  await question.getByRole('button', { name: t('staff.remove_yes') }).click();
  await owner.getByRole('rowheader', { name: 'Rita Remove' }).waitFor({ state: 'detached' });
  await owner.context().close();
});

test("an agency admin changes a client user's sections in a dialog; the row keeps its height", async () => {
  const admin = await newPage();
  await signIn(admin, ctx.server.url, 'admin@northwind.test');
  await admin.waitForURL(`${ctx.server.url}/agency/orgs`);
  await admin.getByRole('link', { name: 'Acme Dental' }).click();
  await admin.getByRole('navigation', { name: t('org.tabs_label') }).getByRole('link', { name: t('org.tab_users') }).click();
  const row = admin.getByRole('row').filter({ has: admin.getByRole('rowheader', { name: 'Andy Agent' }) });
  const rowHeight = async () => (await row.boundingBox()).height;
  const before = await rowHeight();
  // Row actions sit on the row's line (centred in it) and line up, row under row.
  const menus = await admin.getByRole('button', { name: new RegExp(`^${t('row.actions_for', { name: '' })}`) }).all();
  assert.ok(menus.length >= 2, 'every user row has its Actions');
  const boxes = await Promise.all(menus.map((m) => m.boundingBox()));
  const rows = await Promise.all(menus.map((m) => m.locator('xpath=ancestor::tr').boundingBox()));
  boxes.forEach((b, i) => assert.ok(Math.abs(b.y + b.height / 2 - (rows[i].y + rows[i].height / 2)) < 2, `row ${i}: Actions is centred in its row`));
  assert.ok(boxes.every((b) => Math.abs(b.x + b.width - (boxes[0].x + boxes[0].width)) < 1), 'the Actions buttons end at the same edge');
  await openRowMenu(admin, 'Andy Agent', t);
  await admin.getByRole('button', { name: t('users.edit', { name: 'Andy Agent' }) }).click();
  const dialog = admin.getByRole('dialog', { name: t('users.edit', { name: 'Andy Agent' }) });
  await dialog.getByRole('checkbox', { name: t('permissions.team') }).check();
  assert.equal(await rowHeight(), before, 'editing does not stretch the row');
  // Cancel keeps nothing; opened again, the form shows what is saved.
  await dialog.getByRole('button', { name: t('common.cancel') }).click();
  await dialog.waitFor({ state: 'hidden' });
  // The dialog's close event (which returns focus) comes a moment after it hides.
  const actionsId = await row.getByRole('button', { name: t('row.actions_for', { name: 'Andy Agent' }) }).getAttribute('id');
  await admin.waitForFunction((id) => document.activeElement?.id === id, actionsId, { timeout: 5000 }).catch(() => {});
  assert.equal(await admin.evaluate(() => document.activeElement?.id), actionsId, 'focus back on the row\'s Actions');
  await openRowMenu(admin, 'Andy Agent', t);
  await admin.getByRole('button', { name: t('users.edit', { name: 'Andy Agent' }) }).click();
  assert.equal(await dialog.getByRole('checkbox', { name: t('permissions.team') }).isChecked(), false, 'the cancelled tick is gone');
  await dialog.getByRole('checkbox', { name: t('permissions.team') }).check();
  await dialog.getByRole('button', { name: t('users.save') }).click();
  // Saved: the row's sections column lists it (not merely the edit form, whose checkbox
  // label also says "Team").
  const sectionsCell = row.getByRole('cell').nth(2);
  await sectionsCell.filter({ hasText: new RegExp(t('permissions.team')) }).waitFor();

  const andy = await newPage();
  await signIn(andy, ctx.server.url, 'agent@acme.test');
  await andy.waitForURL(`${ctx.server.url}/app`);
  await andy.getByRole('navigation', { name: t('common.main_navigation') }).getByRole('link', { name: t('dashboard.nav_team') }).waitFor();
  await admin.context().close();
  await andy.context().close();
});

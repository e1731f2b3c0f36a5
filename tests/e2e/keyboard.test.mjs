// Keyboard only: whole user flows with Tab, typing, arrows, Enter and Escape; no mouse.
// At every stop, the focused element must be the expected control and show a visible
// focus ring, and focus must never be dropped back to the top of the page.
import test from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, locale } from './harness.mjs';

const t = locale('en');
const ctx = useServerAndBrowser();

/** The focused element: not `<body>`, with a focus ring, on screen. */
async function assertFocusVisible(page, where) {
  const f = await page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { lost: true };
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    return {
      lost: false,
      what: `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} "${(el.textContent || el.value || '').trim().slice(0, 40)}"`,
      focusVisible: el.matches(':focus-visible'),
      ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
      onScreen: box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < innerHeight && box.right > 0 && box.left < innerWidth,
    };
  });
  assert.ok(!f.lost, `${where}: focus was lost (on <body>)`);
  assert.ok(f.focusVisible && f.ring, `${where}: ${f.what} has no visible focus ring`);
  assert.ok(f.onScreen, `${where}: ${f.what} is focused but off screen`);
}

const isFocused = (locator) => locator.evaluate((el) => el === document.activeElement).catch(() => false);

/** Presses Tab (or Shift+Tab) until `target` has focus, checking every stop on the way. */
async function tabTo(page, target, { back = false, max = 60 } = {}) {
  await target.waitFor();
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    await assertFocusVisible(page, `tabbing to ${target}`);
    if (await isFocused(target)) return;
  }
  assert.fail(`${target} not reached with ${max} presses of ${back ? 'Shift+Tab' : 'Tab'}`);
}

async function expectFocus(page, target, where) {
  await page.waitForFunction(() => document.activeElement && document.activeElement !== document.body);
  assert.ok(await isFocused(target), `${where}: expected focus on ${target}`);
  await assertFocusVisible(page, where);
}

/** Focus is on the page's heading, the start of its content: a screen reader reads the
 * page's name, and the focus ring surrounds the heading, not the whole content area. */
async function expectFocusOnHeading(page, where) {
  await page
    .waitForFunction(() => document.activeElement?.matches('#main h1'), null, { timeout: 5000 })
    .catch(() => {});
  const focused = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 80));
  assert.ok(await isFocused(page.locator('main h1')), `${where}: expected focus on the page's <h1>, found ${focused}`);
  await assertFocusVisible(page, where);
}

/** Signs in from the login page by the keyboard alone. */
async function keyboardSignIn(page, email) {
  const emailField = page.getByLabel(t('login.email'));
  await tabTo(page, emailField);
  await page.keyboard.type(email);
  await page.keyboard.press('Tab');
  await expectFocus(page, page.getByLabel(t('login.password')), 'after the email');
  await page.keyboard.type('atrium-demo');
  await page.keyboard.press('Enter');
}

test('the agency owner changes an org setting and its client user answers a chat, by keyboard only', async () => {
  const context = await ctx.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  // Any use of the mouse fails the test.
  for (const name of ['click', 'move', 'down', 'up', 'wheel', 'dblclick']) {
    page.mouse[name] = () => { throw new Error(`the mouse was used (${name})`); };
  }

  // Sign in as the agency owner.
  await page.goto(`${ctx.server.url}/login`);
  await keyboardSignIn(page, 'owner@northwind.test');
  await page.waitForURL(`${ctx.server.url}/agency/orgs`);

  // The form that had focus is gone: focus waits at the start of the page's content, its heading.
  await page.getByRole('link', { name: 'Acme Dental' }).waitFor();
  await expectFocusOnHeading(page, 'after signing in');

  // Open Acme Dental from the list; focus lands in the new page, not at the top.
  await tabTo(page, page.getByRole('link', { name: 'Acme Dental' }));
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/agency\/orgs\/\d+$/);
  await page.getByRole('heading', { level: 1, name: 'Acme Dental' }).waitFor();
  const orgUrl = page.url();
  await expectFocusOnHeading(page, 'after opening the org');

  // The delete confirmation opens with Enter and closes with Escape, focus back on its button.
  const deleteButton = page.getByRole('button', { name: t('danger.delete') });
  await tabTo(page, deleteButton);
  await page.keyboard.press('Enter');
  const confirmField = page.getByLabel(t('danger.delete_confirm_label', { word: t('danger.delete_word'), name: 'Acme Dental' }));
  await tabTo(page, confirmField, { max: 3 });
  await page.keyboard.press('Escape');
  await confirmField.waitFor({ state: 'detached' });
  await expectFocus(page, deleteButton, 'after Escape in the delete confirmation');
  assert.equal(await deleteButton.getAttribute('aria-expanded'), 'false');

  // Org Info: the layout radio group is one Tab stop; the arrows choose; Save in the bar.
  await tabTo(page, page.getByLabel(t('settings.layout_vertical')), { back: true });
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.getByLabel(t('settings.layout_horizontal')).isChecked(), true);
  const saveBar = page.getByRole('region', { name: t('save_bar.label') });
  await saveBar.getByText(t('save_bar.changes', { count: 1 })).waitFor();
  await tabTo(page, saveBar.getByRole('button', { name: t('save_bar.save') }));
  await page.keyboard.press('Enter');
  const saved = page.getByText(t('save_bar.saved'));
  await saved.waitFor();
  await saveBar.waitFor({ state: 'detached' });
  // The bar (and the focused Save button) went away: focus is on the outcome instead.
  await expectFocus(page, saved, 'after saving');

  // Loaded afresh, the first Tab stop is "Skip to content", which moves focus to the content.
  await page.goto(orgUrl);
  await page.getByLabel(t('settings.layout_horizontal')).waitFor();
  assert.equal(await page.getByLabel(t('settings.layout_horizontal')).isChecked(), true, 'the new layout was saved');
  await tabTo(page, page.getByRole('link', { name: t('common.skip_to_content') }), { max: 1 });
  await page.keyboard.press('Enter');
  await expectFocusOnHeading(page, 'after skipping to the content');

  // Sign out: back up from the content, in the top bar.
  await tabTo(page, page.getByRole('button', { name: t('common.sign_out') }), { back: true });
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/login/);

  // The client user signs in; the dashboard now has the top navigation just chosen.
  await keyboardSignIn(page, 'agent@acme.test');
  await page.waitForURL(`${ctx.server.url}/app`);
  const nav = page.getByRole('navigation', { name: t('common.main_navigation') });
  await nav.waitFor();
  assert.equal(await page.locator('.shell.layout-horizontal').count(), 1, 'the layout saved by keyboard applies');

  await expectFocusOnHeading(page, 'after the client signs in');
  await tabTo(page, nav.getByRole('link', { name: t('dashboard.nav_conversations') }), { back: true });
  await page.keyboard.press('Enter');
  await page.waitForURL(`${ctx.server.url}/app/conversations`);
  await tabTo(page, page.getByRole('link', { name: 'Lena Park' }));
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/app\/conversations\/\d+$/);
  await page.getByRole('heading', { level: 1, name: t('conversation.title', { name: 'Lena Park' }) }).waitFor();

  // The reply field: "/" lists saved replies, Escape closes the list, Enter inserts one.
  const reply = page.getByLabel(t('conversation.reply'), { exact: true });
  await tabTo(page, reply);
  await page.keyboard.type('/');
  const options = page.getByRole('listbox', { name: t('conversation.canned_list') });
  await options.waitFor();
  await page.keyboard.press('Escape');
  await options.waitFor({ state: 'hidden' });
  await expectFocus(page, reply, 'after closing the saved replies');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('/gre');
  await options.waitFor();
  assert.equal(await options.getByRole('option', { selected: true }).count(), 1);
  await page.keyboard.press('Enter');
  const greeting = 'Hi Lena Park, thanks for waiting! How can I help?';
  assert.equal(await reply.inputValue(), greeting);
  await page.keyboard.type(' Friday at 10am is booked.');
  await tabTo(page, page.getByRole('button', { name: t('conversation.send') }), { max: 1 });
  await page.keyboard.press('Enter');

  // The message is in the transcript, and focus is back in an empty reply field.
  const transcript = page.getByRole('region', { name: t('conversation.transcript') });
  await transcript.getByText(`${greeting} Friday at 10am is booked.`).waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'reply-text');
  await expectFocus(page, reply, 'after sending');
  assert.equal(await reply.inputValue(), '');
  await context.close();
});

test('on a phone, the menu opens with Enter and Escape closes it, focus back on its button', async () => {
  const context = await ctx.browser.newContext({ viewport: { width: 375, height: 740 } });
  const page = await context.newPage();
  await page.goto(`${ctx.server.url}/login`);
  await keyboardSignIn(page, 'admin@globex.test');
  await page.waitForURL(`${ctx.server.url}/app`);
  const menu = page.getByRole('button', { name: t('common.menu') });
  const nav = page.getByRole('navigation', { name: t('common.main_navigation') });
  await tabTo(page, menu, { back: true });
  await page.keyboard.press('Enter');
  assert.equal(await menu.getAttribute('aria-expanded'), 'true');
  await tabTo(page, nav.getByRole('link', { name: t('dashboard.nav_billing') }));
  await page.keyboard.press('Escape');
  await nav.waitFor({ state: 'hidden' });
  assert.equal(await menu.getAttribute('aria-expanded'), 'false');
  await expectFocus(page, menu, 'after Escape in the menu');
  // Open again, choose Billing with Enter.
  await page.keyboard.press('Enter');
  await tabTo(page, nav.getByRole('link', { name: t('dashboard.nav_billing') }));
  await page.keyboard.press('Enter');
  await page.waitForURL(`${ctx.server.url}/app/billing`);
  await page.getByRole('heading', { level: 1, name: t('billing.title') }).waitFor();
  await context.close();
});

test('a row menu from the keyboard: Enter opens it, Escape closes it, and disabling a user keeps focus on the row', async () => {
  const context = await ctx.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${ctx.server.url}/login`);
  await keyboardSignIn(page, 'admin@acme.test');
  await page.waitForURL(`${ctx.server.url}/app`);
  await page.goto(`${ctx.server.url}/app/team`);
  const actions = page.getByRole('button', { name: t('row.actions_for', { name: 'Andy Agent' }) });
  const disable = page.getByRole('button', { name: t('users.disable', { name: 'Andy Agent' }) });
  const enable = page.getByRole('button', { name: t('users.enable', { name: 'Andy Agent' }) });
  await tabTo(page, actions);
  await page.keyboard.press('Enter');
  assert.equal(await actions.getAttribute('aria-expanded'), 'true');
  await page.keyboard.press('Escape');
  await disable.waitFor({ state: 'detached' });
  await expectFocus(page, actions, 'after Escape in the row menu');
  // Open again; the next Tab stops are its actions.
  await page.keyboard.press('Enter');
  await tabTo(page, disable, { max: 3 });
  await page.keyboard.press('Enter');
  // The list is redrawn with Andy disabled: focus is on his row's Actions again.
  const andy = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Andy Agent' }) });
  await andy.getByRole('cell', { name: t('users.disabled'), exact: true }).waitFor();
  await page.waitForFunction(() => document.activeElement?.id?.endsWith('-actions'));
  await expectFocus(page, actions, 'after disabling');
  await page.keyboard.press('Enter');
  await tabTo(page, enable, { max: 3 });
  await page.keyboard.press('Enter');
  await andy.getByRole('cell', { name: t('users.active'), exact: true }).waitFor();
  await page.waitForFunction(() => document.activeElement?.id?.endsWith('-actions'));
  await expectFocus(page, actions, 'after enabling again');
  await page.keyboard.press('Enter');
  await disable.waitFor();
  await context.close();
});

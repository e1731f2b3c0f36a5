// A person's own account: changing their password (their other sessions end), signing
// out everywhere, and getting back in through an emailed reset link. In real Chromium
// against the real server; the reset mail is read where the demo's sender writes it.
import test from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, signIn, locale } from './harness.mjs';

const t = locale('en');
const ctx = useServerAndBrowser();

async function signedIn(email, password) {
  const page = await (await ctx.browser.newContext()).newPage();
  await signIn(page, ctx.server.url, email, password);
  await page.waitForURL(/\/(agency\/orgs|app)$/);
  return page;
}

test('a staff member changes their password; their other session ends, this one stays', async () => {
  const here = await signedIn('member@northwind.test');
  const elsewhere = await signedIn('member@northwind.test');
  await here.getByRole('link', { name: t('account.link') }).click();
  await here.getByRole('heading', { name: t('account.title'), level: 1 }).waitFor();
  await here.getByLabel(t('account.current_password')).fill('not-my-password');
  await here.getByLabel(t('account.new_password')).fill('brand-new-password');
  await here.getByRole('button', { name: t('account.save_password') }).click();
  await here.getByText(t('errors.field_incorrect')).waitFor();

  await here.getByLabel(t('account.current_password')).fill('atrium-demo');
  await here.getByRole('button', { name: t('account.save_password') }).click();
  await here.getByRole('status').filter({ hasText: t('account.password_changed') }).waitFor();
  await here.reload();
  await here.getByRole('heading', { name: t('account.title'), level: 1 }).waitFor();
  await elsewhere.reload();
  await elsewhere.waitForURL(/\/login/);
  await here.context().close();
  await elsewhere.context().close();
  (await signedIn('member@northwind.test', 'brand-new-password')).context().close();
});

test('sign out everywhere asks in the page, then ends every session and forgets drafts', async () => {
  const here = await signedIn('agent@acme.test');
  const elsewhere = await signedIn('agent@acme.test');
  await here.evaluate(() => localStorage.setItem('atrium.draft.org.1', '{"unsaved": true}'));
  await here.getByRole('link', { name: t('account.link') }).click();
  await here.getByRole('button', { name: t('account.sign_out_everywhere') }).click();
  await here.getByRole('button', { name: t('account.cancel') }).click();
  await here.getByRole('button', { name: t('account.sign_out_everywhere') }).click();
  await here.getByRole('button', { name: t('account.sign_out_everywhere_confirm') }).click();
  await here.waitForURL(/\/login/);
  assert.equal(await here.evaluate(() => localStorage.getItem('atrium.draft.org.1')), null, 'the draft is gone');
  await elsewhere.reload();
  await elsewhere.waitForURL(/\/login/);
  await here.context().close();
  await elsewhere.context().close();
});

test('a forgotten password is reset through the emailed link, once', async () => {
  const page = await (await ctx.browser.newContext()).newPage();
  await page.goto(`${ctx.server.url}/login`);
  await page.getByRole('link', { name: t('reset.forgot_link') }).click();
  await page.getByRole('heading', { name: t('reset.forgot_title') }).waitFor();
  await page.getByLabel(t('login.email')).fill('admin@globex.test');
  await page.getByRole('button', { name: t('reset.send') }).click();
  await page.getByRole('status').filter({ hasText: t('reset.sent') }).waitFor();

  const link = ctx.server.output().match(/(http:\/\/\S+\/reset-password\?token=\w+)/)?.[1];
  assert.ok(link, 'the reset mail was sent');
  await page.goto(link);
  await page.getByRole('heading', { name: t('reset.new_title') }).waitFor();
  await page.getByLabel(t('account.new_password')).fill('short');
  await page.getByRole('button', { name: t('reset.save') }).click();
  // The rule says its limit (crates/api PASSWORD_MIN).
  await page.locator('.field-error').getByText(t('errors.field_at_least', { min: 10 })).waitFor();
  await page.getByLabel(t('account.new_password')).fill('globex-new-password');
  await page.getByRole('button', { name: t('reset.save') }).click();
  await page.getByRole('status').filter({ hasText: t('reset.done') }).waitFor();

  // The same link a second time is refused, with the way to a new one.
  await page.goto(link);
  await page.getByLabel(t('account.new_password')).fill('another-new-password');
  await page.getByRole('button', { name: t('reset.save') }).click();
  await page.getByText(t('errors.field_expired_link')).waitFor();
  await page.getByRole('link', { name: t('reset.ask_again') }).waitFor();
  await page.context().close();

  const back = await signedIn('admin@globex.test', 'globex-new-password');
  assert.equal(new URL(back.url()).pathname, '/app');
  await back.context().close();
});

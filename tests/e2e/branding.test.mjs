// White label: each agency's domain shows its own brand before sign-in, the Branding
// page changes it, and a colour that fails WCAG AA on white is flagged.
import test from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, signIn, locale } from './harness.mjs';

const t = locale('en');
const ctx = useServerAndBrowser();

test("each agency's hostname shows its own brand on the login page", async () => {
  const page = await (await ctx.browser.newContext()).newPage();
  const port = new URL(ctx.server.url).port;
  await page.goto(`http://contoso.localhost:${port}/login`);
  await page.getByRole('heading', { name: t('login.welcome', { brand: 'Contoso Partners' }) }).waitFor();
  assert.equal(await page.title(), t('login.welcome', { brand: 'Contoso Partners' }));
  const brand = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--brand').trim());
  assert.equal(brand, '#0f766e');
  await page.context().close();
});

test('the Branding page renames the agency and warns about a low-contrast colour', async () => {
  const page = await (await ctx.browser.newContext()).newPage();
  await signIn(page, ctx.server.url, 'owner@northwind.test');
  await page.waitForURL(`${ctx.server.url}/agency/orgs`);
  await page.getByRole('link', { name: t('branding.nav') }).click();
  const colour = page.getByLabel(t('branding.primary_color'));
  await colour.waitFor();
  await colour.fill('#facc15');
  await page.getByText(/WCAG AA needs 4.5:1/).waitFor();
  await colour.fill('#7c2d12');
  await page.getByText(/meets WCAG AA/).waitFor();
  await page.getByLabel(t('branding.display_name')).fill('Northwind & Co');
  await page.getByRole('button', { name: t('branding.save') }).click();
  await page.getByText(t('branding.saved')).waitFor();
  // The tab names the page, then the new name.
  await page.waitForFunction((want) => document.title === want, `${t('branding.title')} · Northwind & Co`);

  const fresh = await (await ctx.browser.newContext()).newPage();
  await fresh.goto(`${ctx.server.url}/login`);
  await fresh.getByRole('heading', { name: t('login.welcome', { brand: 'Northwind & Co' }) }).waitFor();
  await page.context().close();
  await fresh.context().close();
});

test('bad branding input is refused next to the field and changes nothing', async () => {
  const page = await (await ctx.browser.newContext()).newPage();
  await signIn(page, ctx.server.url, 'admin@northwind.test');
  // Wait for the sign-in to land before navigating, or the goto races the login request.
  await page.waitForURL(`${ctx.server.url}/agency/orgs`);
  await page.goto(`${ctx.server.url}/agency/branding`);
  const before = await page.evaluate(async () => (await fetch('/api/v1/agency')).json());
  await page.getByLabel(t('branding.display_name')).fill('Renamed By A Refused Save');
  await page.getByLabel(t('branding.primary_color')).fill('blue');
  await page.getByLabel(t('branding.hostnames')).fill('Not A Host:80');
  await page.getByRole('button', { name: t('branding.save') }).click();
  await page.locator('#brand-colour-error').filter({ hasText: t('errors.field_invalid_colour') }).waitFor();
  await page.locator('#brand-hostnames-error').filter({ hasText: t('errors.field_invalid_hostname') }).waitFor();
  // Nothing of it was stored: not the valid name beside the invalid fields either.
  const after = await page.evaluate(async () => (await fetch('/api/v1/agency')).json());
  assert.deepEqual(after, before);
  await page.context().close();
});

test('a new custom domain waits for its DNS record; IP addresses are refused', async () => {
  const page = await (await ctx.browser.newContext()).newPage();
  await signIn(page, ctx.server.url, 'owner@contoso.test');
  await page.waitForURL(`${ctx.server.url}/agency/orgs`);
  await page.goto(`${ctx.server.url}/agency/branding`);
  const hostnames = page.getByLabel(t('branding.hostnames'));
  await hostnames.fill('contoso.localhost\n169.254.169.254');
  await page.getByRole('button', { name: t('branding.save') }).click();
  await page.locator('#brand-hostnames-error').filter({ hasText: t('errors.field_reserved_hostname') }).waitFor();

  await hostnames.fill('contoso.localhost\ndash.contoso.test');
  await page.getByRole('button', { name: t('branding.save') }).click();
  await page.getByText(t('branding.saved')).waitFor();
  const domains = page.getByRole('table', { name: t('branding.domains_title') });
  const pending = domains.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'dash.contoso.test' }) });
  await pending.getByText(t('branding.domain_pending')).waitFor();
  // The record to create, with the agency's own token.
  await pending.getByText(/^_atrium\.dash\.contoso\.test TXT "atrium-verify=[0-9a-f]{32,}"$/).waitFor();
  const demo = domains.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'contoso.localhost' }) });
  await demo.getByText(t('branding.domain_verified')).waitFor();
  // "Check now" asks DNS (this machine has no such record): still not proven.
  await page.getByRole('button', { name: t('branding.check_domains') }).click();
  await pending.getByText(new RegExp(`${t('branding.domain_failed')}|${t('branding.domain_pending')}`)).waitFor();
  await page.context().close();
});

test("signed in on another agency's hostname, the page wears the user's own agency's brand", async () => {
  const page = await (await ctx.browser.newContext()).newPage();
  // The bare address falls back to the first agency, Northwind (renamed by an earlier
  // test, maybe); Contoso's owner signs in there.
  const hostBrand = (await (await fetch(`${ctx.server.url}/api/v1/branding`)).json()).display_name;
  assert.notEqual(hostBrand, 'Contoso Partners');
  await page.goto(`${ctx.server.url}/login`);
  await page.getByRole('heading', { name: t('login.welcome', { brand: hostBrand }) }).waitFor();
  await signIn(page, ctx.server.url, 'owner@contoso.test');
  await page.waitForURL(`${ctx.server.url}/agency/orgs`);
  await page.getByRole('rowheader', { name: 'Initech' }).waitFor();
  await page.waitForFunction((want) => document.title === want, `${t('orgs.title')} · Contoso Partners`);
  const brand = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--brand').trim());
  assert.equal(brand, '#0f766e');
  assert.equal(await page.getByText(hostBrand).count(), 0, "no trace of the hostname's agency");
  // Signed out, the login page is the hostname's again.
  await page.getByRole('button', { name: t('common.sign_out') }).click();
  await page.waitForURL(/\/login/);
  await page.getByRole('heading', { name: t('login.welcome', { brand: hostBrand }) }).waitFor();
  await page.context().close();
});

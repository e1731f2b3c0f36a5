// Billing, end to end: billing is off for Acme (no billing anywhere for its users), on
// for Globex, whose org admin picks a plan, sees the invoice with its lines, cancels at
// period end; the agency marks the invoice paid; a user without the permission sees none.
import test from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, setOrgSettings, signIn, locale } from './harness.mjs';

const t = locale('en');
const ctx = useServerAndBrowser();

async function clientPage(email) {
  const page = await (await ctx.browser.newContext()).newPage();
  await signIn(page, ctx.server.url, email);
  await page.waitForURL(`${ctx.server.url}/app`);
  return page;
}

const nav = (page) => page.getByRole('navigation', { name: t('common.main_navigation') });

test('with billing off, an org admin sees no billing, and its URL says not available', async () => {
  const page = await clientPage('admin@acme.test');
  await nav(page).getByRole('link', { name: t('dashboard.nav_home') }).waitFor();
  assert.equal(await nav(page).getByRole('link', { name: t('dashboard.nav_billing') }).count(), 0);
  await page.goto(`${ctx.server.url}/app/billing`);
  await page.getByRole('heading', { name: t('not_found.unavailable_title') }).waitFor();
  await page.context().close();
});

test('the agency enables billing; the client subscribes, sees the invoice, cancels; the agency marks it paid', async () => {
  await setOrgSettings(ctx, 'globex', { billing_enabled: true });
  const page = await clientPage('admin@globex.test');
  await nav(page).getByRole('link', { name: t('dashboard.nav_billing') }).click();
  await page.getByText(t('billing.no_subscription')).waitFor();
  // Choosing a plan charges: it asks first.
  await page.getByRole('button', { name: t('billing.choose', { name: 'Starter' }) }).click();
  await page.getByRole('group', { name: t('billing.confirm_choose', { name: 'Starter' }) })
    .getByRole('button', { name: t('billing.confirm_choose_yes') }).click();
  await page.getByText(t('billing.status_active')).waitFor();
  const invoices = page.getByRole('table', { name: t('billing.invoices') });
  const row = invoices.getByRole('row').nth(1);
  await row.waitFor();
  assert.match(await row.innerText(), /INV-\d{6}/);
  assert.match(await row.innerText(), /\$29\.00/);
  assert.match(await row.innerText(), new RegExp(t('billing.open')));
  await row.getByText(/INV-\d{6}/).click();
  await row.getByRole('list').getByText(/Starter/).waitFor();

  await page.getByRole('button', { name: t('billing.cancel') }).click();
  await page.getByText(t('billing.cancels_at_end')).waitFor();
  await page.getByRole('button', { name: t('billing.resume') }).waitFor();

  // The agency, using the built-in manual payments, marks the invoice paid.
  const owner = await (await ctx.browser.newContext()).newPage();
  await signIn(owner, ctx.server.url, 'owner@northwind.test');
  await owner.waitForURL(`${ctx.server.url}/agency/orgs`);
  await owner.getByRole('link', { name: 'Globex Realty' }).click();
  await owner.getByRole('navigation', { name: t('org.tabs_label') }).getByRole('link', { name: t('org.tab_billing') }).click();
  const number = (await invoices.getByText(/INV-\d{6}/).first().innerText()).trim();
  await owner.getByRole('button', { name: t('billing.mark_paid', { number }) }).click();
  await owner.getByRole('group', { name: t('billing.mark_paid_question', { number }) }).getByRole('button', { name: t('billing.mark_paid_yes') }).click();
  await owner.getByRole('table', { name: t('billing.invoices') }).getByText(t('billing.paid'), { exact: true }).waitFor();
  await owner.context().close();

  await page.reload();
  await page.getByRole('table', { name: t('billing.invoices') }).getByText(t('billing.paid'), { exact: true }).waitFor();
  await page.context().close();
});

test('a client user without the billing permission sees no billing', async () => {
  await setOrgSettings(ctx, 'acme', { billing_enabled: true });
  const page = await clientPage('agent@acme.test');
  await nav(page).getByRole('link', { name: t('dashboard.nav_home') }).waitFor();
  assert.equal(await nav(page).getByRole('link', { name: t('dashboard.nav_billing') }).count(), 0);
  const status = await page.evaluate(async () => {
    const me = await (await fetch('/api/v1/me')).json();
    return (await fetch(`/api/v1/orgs/${me.org.id}/billing`)).status;
  });
  assert.ok(status === 403 || status === 404, `billing answered ${status}`);
  await page.context().close();
});

test('a plan\'s price is typed as money ("29.50"), not in cents; retiring it asks first', async () => {
  const page = await (await ctx.browser.newContext()).newPage();
  await signIn(page, ctx.server.url, 'owner@northwind.test');
  await page.waitForURL(`${ctx.server.url}/agency/orgs`);
  await page.goto(`${ctx.server.url}/agency/plans`);
  await page.getByLabel(t('billing.plan_name')).fill('Decimal Plan');
  await page.getByLabel(t('billing.price'), { exact: true }).fill('29.505');
  await page.getByLabel(t('billing.included')).fill('100');
  await page.getByRole('button', { name: t('billing.add_plan') }).click();
  // Three decimals are not an amount of dollars: refused in place, nothing saved.
  await page.locator('#plan-price-error').getByText(t('errors.field_unknown')).waitFor();
  await page.getByLabel(t('billing.price'), { exact: true }).fill('29.50');
  await page.getByRole('button', { name: t('billing.add_plan') }).click();
  const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Decimal Plan' }) });
  await row.getByText(t('billing.per_month', { price: '$29.50' })).waitFor();
  const plans = async () => (await page.evaluate(async () => (await fetch('/api/v1/plans?per_page=100')).json())).items;
  assert.equal((await plans()).find((p) => p.name === 'Decimal Plan').price_cents, 2950);

  // Retiring cannot be undone: it asks first, and Escape keeps the plan.
  await row.getByRole('button', { name: t('billing.retire', { name: 'Decimal Plan' }) }).click();
  const question = page.getByRole('group', { name: t('billing.retire_question', { name: 'Decimal Plan' }) });
  await question.waitFor();
  await page.keyboard.press('Escape');
  await question.waitFor({ state: 'detached' });
  assert.equal((await plans()).find((p) => p.name === 'Decimal Plan').retired, false);
  await row.getByRole('button', { name: t('billing.retire', { name: 'Decimal Plan' }) }).click();
  await question.getByRole('button', { name: t('billing.retire_yes') }).click();
  await row.getByText(t('billing.retired')).waitFor();
  assert.equal((await plans()).find((p) => p.name === 'Decimal Plan').retired, true);
  await page.context().close();
});

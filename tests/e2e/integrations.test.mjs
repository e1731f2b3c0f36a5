// Integrations, end to end: an API key is shown once, works for ingest and stops working
// once revoked; org admins have no Integrations; a handoff keyword rule routes a
// visitor's words to a team.
import test from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, signIn, locale, setOrgSettings } from './harness.mjs';

const t = locale('en');
const ctx = useServerAndBrowser();

async function ownerPage() {
  const page = await (await ctx.browser.newContext()).newPage();
  await signIn(page, ctx.server.url, 'owner@northwind.test');
  await page.waitForURL(`${ctx.server.url}/agency/orgs`);
  return page;
}

/** Acme Dental as the owner's browser sees it. */
async function acme(page) {
  return page.evaluate(async () => (await (await fetch('/api/v1/orgs?q=acme')).json()).items[0]);
}

async function ingest(key, body) {
  const res = await fetch(`${ctx.server.url}/api/v1/ingest/messages`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json().catch(() => null) };
}

test('the owner creates a key, sees it once, uses it, and revokes it', async () => {
  const page = await ownerPage();
  const org = await acme(page);
  const agentId = (await page.evaluate(async (id) => (await (await fetch(`/api/v1/orgs/${id}`)).json()).agent_ids[0], org.id));
  await page.getByRole('link', { name: t('integrations.nav') }).click();
  await page.getByRole('heading', { name: t('integrations.title') }).waitFor();
  await page.getByRole('button', { name: t('integrations.create_key') }).click();
  await page.getByText(t('integrations.secret_warning')).waitFor();
  const secret = await page.getByLabel(t('integrations.secret_label')).inputValue();
  assert.match(secret, /^atr_[0-9a-f]{64}$/);
  const prefix = secret.slice(0, 12);
  const revoke = page.getByRole('button', { name: t('integrations.revoke', { prefix }) });
  await revoke.waitFor();
  await page.getByRole('button', { name: t('integrations.copy_secret') }).waitFor();

  const message = {
    org_id: org.id, agent_id: agentId, external_id: 'e2e-key-1', author: 'visitor', text: 'Hello', contact_name: 'Kim',
  };
  const ok = await ingest(secret, message);
  assert.equal(ok.status, 200, JSON.stringify(ok.body));

  // Revoking asks first, in place; Escape (focus is on Cancel) leaves the key alone.
  await revoke.click();
  const question = page.getByRole('group', { name: t('keys.confirm_title', { prefix }) });
  await question.getByText(t('keys.confirm_help')).waitFor();
  await page.keyboard.press('Escape');
  await question.waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), t('integrations.revoke', { prefix }));
  assert.equal((await ingest(secret, { ...message, external_id: 'e2e-key-2' })).status, 200, 'not revoked');
  await revoke.click();
  await question.getByRole('button', { name: t('keys.confirm') }).click();
  await revoke.waitFor({ state: 'detached' });
  const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: `${prefix}…` }) });
  // Its status says when it was revoked (English: "Revoked on <date>").
  await row.getByText(/^Revoked on \S+/).waitFor();
  assert.equal(t('integrations.revoked_on', { date: 'X' }), 'Revoked on X');
  const refused = await ingest(secret, { ...message, text: 'Still there?' });
  assert.equal(refused.status, 401);
  // Shown once: after a reload only the prefix is left.
  await page.reload();
  await page.getByRole('rowheader', { name: `${prefix}…` }).waitFor();
  assert.equal(await page.getByText(secret).count(), 0);
  await page.context().close();
});

test('an org admin has no Integrations', async () => {
  const page = await (await ctx.browser.newContext()).newPage();
  await signIn(page, ctx.server.url, 'admin@acme.test');
  await page.waitForURL(`${ctx.server.url}/app`);
  assert.equal(await page.getByRole('link', { name: t('integrations.nav') }).count(), 0);
  await page.goto(`${ctx.server.url}/agency/integrations`);
  await page.waitForURL((url) => !url.pathname.startsWith('/agency'));
  assert.equal(await page.getByRole('heading', { name: t('integrations.title') }).count(), 0);
  const status = await page.evaluate(async () => (await fetch('/api/v1/api-keys')).status);
  assert.equal(status, 403);
  await page.context().close();
});

test('a keyword rule sends "I want a refund" to the front desk', async () => {
  await setOrgSettings(ctx, 'acme', { smart_handoff_enabled: true });
  const page = await ownerPage();
  const org = await acme(page);
  const full = await page.evaluate(async (id) => (await fetch(`/api/v1/orgs/${id}`)).json(), org.id);
  await page.goto(`${ctx.server.url}/agency/orgs/${org.id}`);
  await page.getByRole('link', { name: t('org.tab_rules') }).click();
  await page.getByRole('heading', { name: t('integrations.rules_title') }).waitFor();
  await page.getByLabel(t('integrations.keyword')).fill('refund');
  await page.getByLabel(t('integrations.team')).selectOption({ label: 'Front Desk' });
  await page.getByRole('button', { name: t('integrations.add_rule') }).click();
  await page.getByRole('rowheader', { name: 'refund' }).waitFor();

  const result = await ingest('northwind-demo-key', {
    org_id: org.id, agent_id: full.agent_ids[0], external_id: 'e2e-refund-1', author: 'visitor',
    text: 'I want a refund', contact_name: 'Rita',
  });
  assert.equal(result.status, 200, JSON.stringify(result.body));
  assert.equal(result.body.status, 'waiting');
  const conversation = await page.evaluate(
    async ({ org, id }) => (await fetch(`/api/v1/orgs/${org}/conversations/${id}`)).json(),
    { org: org.id, id: result.body.conversation_id },
  );
  const teams = await page.evaluate(async (id) => (await fetch(`/api/v1/orgs/${id}/teams`)).json(), org.id);
  const frontDesk = teams.items.find((team) => team.key === 'front_desk');
  assert.equal(conversation.status, 'waiting');
  assert.equal(conversation.team_id, frontDesk.id);

  // And the rule can go again.
  await page.getByRole('button', { name: t('integrations.delete_rule', { keyword: 'refund' }) }).click();
  await page.getByRole('group', { name: t('integrations.delete_rule_question', { keyword: 'refund' }) }).getByRole('button', { name: t('integrations.delete_rule_yes') }).click();
  await page.getByRole('rowheader', { name: 'refund' }).waitFor({ state: 'detached' });
  await page.context().close();
});

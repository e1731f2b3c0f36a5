// Faults, end to end: the server dies (SIGKILL) while an agency user has an unsaved Org
// Info draft and a client user has the dashboard (and its live event stream) open. The
// draft survives, a save attempted while the server is down offers Retry, the restarted
// server takes the draft, and the dashboard's stream reconnects by itself and applies it.
// A write acknowledged just before the crash is still there after it.
import test from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, setOrgSettings, signIn, locale } from './harness.mjs';

const t = locale('en');
const es = locale('es');
const ctx = useServerAndBrowser({ restartable: true });

const saveBar = (page) => page.getByRole('region', { name: t('save_bar.label') });
const isEvents = (res) => /\/api\/v1\/orgs\/\d+\/events/.test(res.url()) && res.status() === 200;

/** Acme Dental's admin on the dashboard, in English, its event stream open. */
async function openAcmeDashboard() {
  await setOrgSettings(ctx, 'acme', { dashboard_language: 'en', dashboard_layout: 'vertical' });
  const client = await (await ctx.browser.newContext()).newPage();
  const firstStream = client.waitForResponse(isEvents);
  await signIn(client, ctx.server.url, 'admin@acme.test');
  await client.waitForURL(`${ctx.server.url}/app`);
  await client.getByRole('heading', { name: t('dashboard.agents_title') }).waitFor();
  await firstStream;
  return client;
}

test('a server killed mid-edit loses no draft, and the event stream reconnects', async () => {
  const base = ctx.server.url;
  // The client side: Acme Dental's admin on the dashboard, its event stream open.
  const client = await openAcmeDashboard();

  // The agency side: Acme Dental's Org Info, changed but not saved.
  const agency = await (await ctx.browser.newContext()).newPage();
  agency.on('dialog', (d) => d.accept());
  await signIn(agency, base, 'admin@northwind.test');
  await agency.waitForURL(`${base}/agency/orgs`);
  const before = await agency.evaluate(async () => (await (await fetch('/api/v1/orgs?q=acme')).json()).items[0]);
  await agency.goto(`${base}/agency/orgs/${before.id}`);
  await agency.getByLabel(t('settings.language')).selectOption('es');
  await agency.getByLabel(t('settings.layout_horizontal')).check();
  await saveBar(agency).getByText(t('save_bar.changes', { count: 2 })).waitFor();

  // A message the agent runtime reported just before the crash: acknowledged, so kept.
  const ingested = await fetch(`${base}/api/v1/ingest/messages`, {
    method: 'POST',
    headers: { Authorization: 'Bearer northwind-demo-key', 'Content-Type': 'application/json' },
    body: JSON.stringify({
      org_id: before.id, agent_id: before.agent_ids[0], external_id: 'crash-1', author: 'visitor',
      text: 'Sent just before the crash', contact_name: 'Kim',
    }),
  });
  assert.equal(ingested.status, 200);
  const { conversation_id: conversationId } = await ingested.json();

  await ctx.server.kill();

  // Saving now fails as a network error: the draft stays, and Retry is offered.
  await saveBar(agency).getByRole('button', { name: t('save_bar.save') }).click();
  await agency.getByText(t('errors.network')).waitFor();
  await agency.getByRole('button', { name: t('save_bar.retry') }).waitFor();
  await saveBar(agency).getByText(t('save_bar.changes', { count: 2 })).waitFor();

  const reconnected = client.waitForResponse(isEvents, { timeout: 60_000 });
  await ctx.server.restart();
  // The dashboard was not reloaded: its EventSource finds the server again by itself.
  await reconnected;

  // The draft outlives a reload too (it is kept in this browser, not on the server)...
  await agency.reload();
  await agency.getByText(t('save_bar.restored')).waitFor();
  assert.equal(await agency.getByLabel(t('settings.language')).inputValue(), 'es');
  assert.equal(await agency.getByLabel(t('settings.layout_horizontal')).isChecked(), true);
  // ...and the restarted server takes it, under the same session.
  await saveBar(agency).getByRole('button', { name: t('save_bar.save') }).click();
  await agency.getByText(t('save_bar.saved')).waitFor();
  await saveBar(agency).waitFor({ state: 'detached' });

  // The change reaches the open dashboard over the reconnected stream: Spanish, no reload.
  await client.getByRole('heading', { name: es('dashboard.agents_title') }).waitFor();
  assert.equal(await client.getAttribute('html', 'lang'), 'es');

  // Nothing lost, nothing doubled: one new version holding both changes, the rest as before.
  const after = await agency.evaluate(async (id) => (await fetch(`/api/v1/orgs/${id}`)).json(), before.id);
  assert.equal(after.version, before.version + 1);
  assert.deepEqual(after.settings, { ...before.settings, dashboard_language: 'es', dashboard_layout: 'horizontal' });
  assert.equal(after.name, before.name);
  assert.deepEqual(after.agent_ids, before.agent_ids);
  const conversation = await agency.evaluate(
    async ([org, id]) => (await fetch(`/api/v1/orgs/${org}/conversations/${id}`)).json(), [before.id, conversationId],
  );
  assert.deepEqual(conversation.messages.map((m) => m.text), ['Sent just before the crash']);
  await agency.context().close();
  await client.context().close();
});

test('a setting changed while the dashboard was disconnected applies when its stream returns', async () => {
  const client = await openAcmeDashboard();

  // The stream goes down (the server dies) and stays down (its reconnections fail) while
  // the agency changes the dashboard's language: the `settings.updated` event is sent to
  // nobody.
  const streams = /\/api\/v1\/orgs\/\d+\/events/;
  await client.route(streams, (route) => route.abort());
  await ctx.server.kill();
  await ctx.server.restart();
  await setOrgSettings(ctx, 'acme', { dashboard_language: 'es' });
  await new Promise((r) => setTimeout(r, 1500));
  assert.equal(await client.getAttribute('html', 'lang'), 'en', 'nothing could have told the page yet');

  // The stream comes back: the page catches up with the settings, without a reload.
  const reconnected = client.waitForResponse(isEvents, { timeout: 60_000 });
  await client.unroute(streams);
  await reconnected;
  await client.getByRole('heading', { name: es('dashboard.agents_title') }).waitFor({ timeout: 15_000 });
  assert.equal(await client.getAttribute('html', 'lang'), 'es');
  await client.context().close();
});

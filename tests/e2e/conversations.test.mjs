// Conversations and human handoff, end to end: a visitor asks for a person through the
// ingest API, the request shows up live in an open inbox, a client user takes the chat,
// inserts a saved reply with "/", sends it, and passes the chat back to the AI.
import test from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, setOrgSettings, signIn, locale } from './harness.mjs';

const t = locale('en');
const ctx = useServerAndBrowser();

async function ingest(body) {
  const res = await fetch(`${ctx.server.url}/api/v1/ingest/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: 'Bearer northwind-demo-key' },
    body: JSON.stringify(body),
  });
  assert.equal(res.status, 200, await res.clone().text());
  return res.json();
}

const setAcmeSettings = (change) => setOrgSettings(ctx, 'acme', change);

/** Acme's agent signed in on the dashboard: the page, the org and its Support Bot agent. */
async function signedInAgent() {
  const page = await (await ctx.browser.newContext()).newPage();
  await signIn(page, ctx.server.url, 'agent@acme.test');
  await page.waitForURL(`${ctx.server.url}/app`);
  const { org_id, agent_id } = await page.evaluate(async () => {
    const me = await (await fetch('/api/v1/me')).json();
    return { org_id: me.org.id, agent_id: me.agents.find((a) => a.name === 'Support Bot').id };
  });
  return { page, org_id, agent_id };
}

test('a handoff request arrives live; the client takes it, replies with /, passes it back', async () => {
  await setAcmeSettings({ smart_handoff_enabled: true, handoff_enabled: true, canned_responses_enabled: true });
  const { page, org_id, agent_id } = await signedInAgent();
  await page.getByRole('navigation', { name: t('common.main_navigation') }).getByRole('link', { name: t('dashboard.nav_conversations') }).click();
  await page.getByLabel(t('inbox.status')).selectOption('waiting');
  await page.waitForURL(/status=waiting/);
  await page.getByRole('table', { name: t('inbox.title') }).waitFor();

  await ingest({ org_id, agent_id, external_id: 'e2e-visitor-1', author: 'visitor', text: 'Hello, I need help with my booking', contact_name: 'Rosa Diaz' });
  await ingest({ org_id, agent_id, external_id: 'e2e-visitor-1', author: 'visitor', text: 'Can I talk to a person please?', contact_name: 'Rosa Diaz' });

  // Live: no reload.
  await page.getByRole('alert').filter({ hasText: t('inbox.new_handoff') }).waitFor();
  const row = page.getByRole('link', { name: 'Rosa Diaz' });
  await row.waitFor();
  await row.click();
  await page.getByRole('heading', { name: t('conversation.title', { name: 'Rosa Diaz' }) }).waitFor();
  await page.getByRole('button', { name: t('conversation.take_over') }).click();

  const reply = page.getByRole('textbox', { name: t('conversation.reply'), exact: true });
  await reply.waitFor();
  await reply.pressSequentially('/gre');
  const options = page.getByRole('listbox', { name: t('conversation.canned_list') });
  await options.getByRole('option').first().waitFor();
  await reply.press('Enter');
  assert.match(await reply.inputValue(), /^Hi Rosa Diaz, thanks for waiting!/);
  // Moving the caret before a typed "/" used to panic the app (every later key too).
  const panics = [];
  page.on('pageerror', (e) => panics.push(e.message));
  await reply.press('End');
  await reply.pressSequentially(' /ho');
  for (const key of ['Home', 'ArrowLeft', 'End', 'ArrowLeft', 'ArrowLeft', 'ArrowLeft', 'ArrowLeft']) await reply.press(key);
  await reply.click({ position: { x: 4, y: 8 } });
  await reply.press('End');
  await reply.press('Escape');
  await reply.pressSequentially('!');
  assert.deepEqual(panics, []);
  assert.equal(await page.getByRole('alertdialog').count(), 0, 'no crash notice');
  assert.match(await reply.inputValue(), / \/ho!$/);
  await reply.fill('Hi Rosa Diaz, thanks for waiting!');
  await page.getByRole('button', { name: t('conversation.send') }).click();
  await page.locator('.transcript .author-human').filter({ hasText: 'Hi Rosa Diaz, thanks for waiting!' }).waitFor();

  await page.getByRole('button', { name: t('conversation.pass_to_ai') }).click();
  await page.getByText(t('inbox.status_bot')).first().waitFor();
  await page.getByRole('button', { name: t('conversation.take_over') }).waitFor();
  await page.context().close();
});

test('with handoff disabled no handoff control appears', async () => {
  await setAcmeSettings({ handoff_enabled: false });
  const page = await (await ctx.browser.newContext()).newPage();
  await signIn(page, ctx.server.url, 'agent@acme.test');
  await page.waitForURL(`${ctx.server.url}/app`);
  await page.getByRole('navigation', { name: t('common.main_navigation') }).getByRole('link', { name: t('dashboard.nav_conversations') }).click();
  await page.getByRole('link', { name: 'Lena Park' }).click();
  await page.getByRole('heading', { name: t('conversation.title', { name: 'Lena Park' }) }).waitFor();
  for (const name of [t('conversation.take_over'), t('conversation.pass_to_ai'), t('conversation.assign_save')]) {
    assert.equal(await page.getByRole('button', { name }).count(), 0, name);
  }
  assert.equal(await page.getByRole('textbox', { name: t('conversation.reply'), exact: true }).count(), 0);
  assert.equal(await page.locator('.transcript .author-system').count(), 0, 'no handoff messages');
  await setAcmeSettings({ handoff_enabled: true });
  await page.context().close();
});

test('new settings reach an open dashboard without a reload', async () => {
  const page = await (await ctx.browser.newContext()).newPage();
  await signIn(page, ctx.server.url, 'admin@acme.test');
  await page.waitForURL(`${ctx.server.url}/app`);
  await page.getByRole('heading', { name: t('dashboard.agents_title') }).waitFor();
  await setAcmeSettings({ dashboard_language: 'es' });
  const es = locale('es');
  await page.getByRole('heading', { name: es('dashboard.agents_title') }).waitFor();
  await setAcmeSettings({ dashboard_language: 'en' });
  await page.context().close();
});

test('the inbox filters by team and agent, and keeps the filter in the URL', async () => {
  const page = await (await ctx.browser.newContext()).newPage();
  await signIn(page, ctx.server.url, 'admin@acme.test');
  await page.waitForURL(`${ctx.server.url}/app`);
  await page.goto(`${ctx.server.url}/app/conversations`);
  const table = page.getByRole('table', { name: t('inbox.title') });
  await table.getByRole('link', { name: 'Maria Lopez' }).waitFor();
  await page.getByLabel(t('inbox.team')).selectOption({ label: 'Front Desk' });
  await page.waitForURL(/team=\d+/);
  await table.getByRole('link', { name: 'Tom Baker' }).waitFor();
  await table.getByRole('link', { name: 'Maria Lopez' }).waitFor({ state: 'detached' });
  await page.reload();
  await table.getByRole('link', { name: 'Tom Baker' }).waitFor();
  assert.equal(await table.getByRole('link', { name: 'Maria Lopez' }).count(), 0);
  await page.getByLabel(t('inbox.team')).selectOption('');
  await page.getByLabel(t('inbox.agent')).selectOption({ label: 'Reception Line' });
  // Lena Park is in the unfiltered list too: wait for the filtered one before asserting.
  await page.waitForURL(/agent=\d+/);
  await table.getByRole('link', { name: 'Maria Lopez' }).waitFor({ state: 'detached' });
  await table.getByRole('link', { name: 'Lena Park' }).waitFor();
  await page.context().close();
});

test('a new visitor message marks the conversation unread until it is opened', async () => {
  const { page, org_id, agent_id } = await signedInAgent();
  await ingest({ org_id, agent_id, external_id: 'e2e-unread-1', author: 'visitor', text: 'Is anyone there?', contact_name: 'Quinn Harper' });
  await page.getByRole('navigation', { name: t('common.main_navigation') }).getByRole('link', { name: t('dashboard.nav_conversations') }).click();
  const row = page.getByRole('row').filter({ hasText: 'Quinn Harper' });
  const unread = row.filter({ hasText: t('inbox.unread') });
  await unread.waitFor();
  assert.equal(await unread.locator('.unread-dot').count(), 1, 'a visible marker');

  await row.getByRole('link').click();
  await page.getByRole('heading', { name: t('conversation.title', { name: 'Quinn Harper' }) }).waitFor();
  await page.goBack();
  await page.getByRole('table', { name: t('inbox.title') }).waitFor();
  await row.waitFor();
  assert.equal(await unread.count(), 0, 'opening it cleared the marker');
  await page.context().close();
});

test('a reply being typed survives a new visitor message and is emptied once sent', async () => {
  await setAcmeSettings({ smart_handoff_enabled: true, handoff_enabled: true });
  const { page, org_id, agent_id } = await signedInAgent();
  const visitor = { org_id, agent_id, external_id: 'e2e-draft-1', author: 'visitor', contact_name: 'Dana Scully' };
  await ingest({ ...visitor, text: 'I want to talk to a person' });
  await page.goto(`${ctx.server.url}/app/conversations`);
  await page.getByRole('link', { name: 'Dana Scully' }).click();
  await page.getByRole('heading', { name: t('conversation.title', { name: 'Dana Scully' }) }).waitFor();
  await page.getByRole('button', { name: t('conversation.take_over') }).click();

  const reply = page.getByRole('textbox', { name: t('conversation.reply'), exact: true });
  await reply.pressSequentially('Half-written answer');
  await ingest({ ...visitor, text: 'Are you still there?' });
  await page.locator('.transcript .author-visitor').filter({ hasText: 'Are you still there?' }).waitFor();
  assert.equal(await reply.inputValue(), 'Half-written answer', 'the redraw kept what was typed');

  await page.getByRole('button', { name: t('conversation.send') }).click();
  await page.locator('.transcript .author-human').filter({ hasText: 'Half-written answer' }).waitFor();
  assert.equal(await reply.inputValue(), '');
  // Enter starts a new line; Ctrl+Enter sends.
  await reply.pressSequentially('First line');
  await reply.press('Enter');
  await reply.pressSequentially('second line');
  assert.equal(await reply.inputValue(), 'First line\nsecond line');
  await reply.press('Control+Enter');
  await page.locator('.transcript .author-human').filter({ hasText: 'second line' }).waitFor();
  assert.equal(await reply.inputValue(), '');
  await page.context().close();
});

/** Acme's agent, signed in, takes over a new chat whose visitor asked for a person. */
async function agentTakesANewChat(externalId, contactName) {
  await setAcmeSettings({ handoff_enabled: true });
  const { page, org_id, agent_id } = await signedInAgent();
  const { conversation_id: id } = await ingest({ org_id, agent_id, external_id: externalId, author: 'visitor',
    text: 'Hello?', contact_name: contactName, handoff_requested: true });
  await page.goto(`${ctx.server.url}/app/conversations/${id}`);
  await page.getByRole('button', { name: t('conversation.take_over') }).click();
  return { page, id };
}

test('a chat one person handles names them, and only they get the reply box', async () => {
  const { page: andy, id } = await agentTakesANewChat('e2e-owned-1', 'Olga Owned');
  await andy.getByText(t('conversation.handled_by_you')).waitFor();
  await andy.getByLabel(t('conversation.reply'), { exact: true }).waitFor();

  const admin = await (await ctx.browser.newContext()).newPage();
  await signIn(admin, ctx.server.url, 'admin@acme.test');
  await admin.waitForURL(`${ctx.server.url}/app`);
  await admin.goto(`${ctx.server.url}/app/conversations/${id}`);
  await admin.getByText(t('conversation.handled_by', { name: 'Andy Agent' })).waitFor();
  await admin.getByText(t('conversation.handled_by_other', { name: 'Andy Agent' })).waitFor();
  assert.equal(await admin.getByLabel(t('conversation.reply'), { exact: true }).count(), 0, 'no reply box in a chat someone else handles');
  await andy.context().close();
  await admin.context().close();
});

test('a reply that fails says so beside the reply box, and keeps what was typed', async () => {
  const { page } = await agentTakesANewChat('e2e-fails-1', 'Fay Failing');
  await page.route(/\/conversations\/\d+\/messages$/, (route) => route.fulfill({
    status: 500, contentType: 'application/json', body: JSON.stringify({ error: { code: 'internal', message: 'boom' } }),
  }));
  const reply = page.getByLabel(t('conversation.reply'), { exact: true });
  await reply.fill('We are on it');
  await page.getByRole('button', { name: t('conversation.send') }).click();
  const alert = page.getByRole('alert').filter({ hasText: t('errors.server') });
  await alert.waitFor();
  const transcript = await page.locator('ol.transcript').boundingBox();
  const shown = await alert.boundingBox();
  assert.ok(shown.y >= transcript.y + transcript.height, 'the error is below the transcript, by the reply box');
  assert.equal(await reply.inputValue(), 'We are on it');
  await page.context().close();
});

test('the live handoff notice never points at the chat already open', async () => {
  await setAcmeSettings({ handoff_enabled: true });
  const { page, org_id, agent_id } = await signedInAgent();
  const visitor = (externalId, contactName, handoff) => ingest({ org_id, agent_id, external_id: externalId, author: 'visitor',
    text: handoff ? 'A person please' : 'Hi', contact_name: contactName, handoff_requested: handoff });
  const { conversation_id: open } = await visitor('e2e-open-1', 'Otto Open', false);
  await page.goto(`${ctx.server.url}/app/conversations/${open}`);
  await page.getByRole('heading', { name: t('conversation.title', { name: 'Otto Open' }) }).waitFor();
  // The visitor on screen asks for a person: the page shows it, no notice sends the agent here.
  const badge = page.getByRole('main').locator('.badge');
  assert.equal(await badge.textContent(), t('inbox.status_bot'));
  await visitor('e2e-open-1', 'Otto Open', true);
  // The event that carries the request shows any notice at once; the page's new status
  // comes after a refetch, so by then a notice would be there.
  await badge.filter({ hasText: t('inbox.status_waiting') }).waitFor();
  const notices = page.getByRole('alert').filter({ hasText: t('inbox.new_handoff') });
  assert.equal(await notices.count(), 0, 'no notice for the chat on screen');
  // Another visitor asks: that one is announced.
  const { conversation_id: other } = await visitor('e2e-other-1', 'Olive Other', true);
  await notices.waitFor();
  assert.equal(await notices.count(), 1);
  assert.match(await notices.getByRole('link').getAttribute('href'), new RegExp(`/app/conversations/${other}$`));
  await page.context().close();
});

// Last in this file: it adds more conversations than a search looks at.
test('an inbox search matching more than it looks at lists the most recent and says so', async () => {
  const { page, org_id, agent_id } = await signedInAgent();
  for (let i = 1; i <= 105; i++) {
    await ingest({ org_id, agent_id, external_id: `e2e-capybara-${i}`, author: 'visitor', text: 'Hello', contact_name: `Capybara ${String(i).padStart(3, '0')}` });
  }
  await page.goto(`${ctx.server.url}/app/conversations?q=capybara`);
  await page.getByRole('status').filter({ hasText: t('common.search_capped', { count: 100 }) }).waitFor();
  // Newest activity first: 105 leads, and the five oldest are left for a narrower search.
  const rows = page.getByRole('table').getByRole('rowheader');
  await rows.first().filter({ hasText: 'Capybara 105' }).waitFor();
  await page.getByRole('navigation', { name: t('pagination.label') }).getByText(t('pagination.page_of', { page: 1, count: 4 })).waitFor();
  await page.getByLabel(t('inbox.search')).fill('capybara 00');
  await rows.first().filter({ hasText: 'Capybara 009' }).waitFor();
  assert.equal(await rows.count(), 9);
  assert.equal(await page.getByRole('status').filter({ hasText: t('common.search_capped', { count: 100 }) }).count(), 0);
  await page.context().close();
});

// The generated client against the real server: sign in, list orgs with q/sort/page,
// update one with its version, and read the 409 a stale version gets.
import test from 'node:test';
import assert from 'node:assert/strict';
import { findOrgs, getOrg, rename, signIn } from './client.mjs';

const BASE = process.env.ATRIUM_URL;

test('a client generated from the document signs in, lists, updates and reads a conflict', async () => {
  assert.ok(BASE, 'ATRIUM_URL names the server (tests/openapi-client/run.sh sets it)');
  const { client, me } = await signIn(BASE, 'owner@northwind.test', 'atrium-demo');
  assert.equal(me.user.email, 'owner@northwind.test');

  const found = await findOrgs(client, 'acme');
  assert.equal(found.response.status, 200);
  assert.deepEqual(found.data?.items.map((o) => o.name), ['Acme Dental'], 'q is sent as a query parameter');
  assert.equal(found.data?.total, 1);
  const none = await findOrgs(client, 'no such org');
  assert.equal(none.data?.total, 0);

  const id = found.data?.items[0].id;
  assert.ok(id);
  const read = await getOrg(client, id);
  assert.ok(read.data);
  const saved = await rename(client, read.data, 'Acme Dental Group');
  assert.equal(saved.response.status, 200, JSON.stringify(saved.error));
  assert.equal(saved.data?.name, 'Acme Dental Group');
  assert.equal(saved.data?.version, read.data.version + 1);

  // The same stale copy again: 409, as the document says, and nothing changes.
  const stale = await rename(client, read.data, 'Acme Overwritten');
  assert.equal(stale.response.status, 409);
  assert.equal(stale.error?.error.code, 'conflict');
  assert.equal((await getOrg(client, id)).data?.name, 'Acme Dental Group');
});

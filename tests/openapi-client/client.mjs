// @ts-check
// A client of the Atrium API generated from its OpenAPI document alone, as an agency's
// developers would make one: types by openapi-typescript (into target/openapi-client/),
// requests by openapi-fetch. `tsc --checkJs` checks every call below against those types,
// so a parameter declared in the wrong place (a query parameter as a path one) or a body
// field the document does not have fails before anything runs.
import createClient from 'openapi-fetch';

/** @typedef {import('../../target/openapi-client/schema').paths} paths */
/** @typedef {import('../../target/openapi-client/schema').components['schemas']} schemas */

/**
 * Signs in with a session token (the document's `session_token` scheme): no cookie jar
 * needed, as for any server-side client.
 * @param {string} baseUrl
 * @param {string} email
 * @param {string} password
 */
export async function signIn(baseUrl, email, password) {
  /** @type {import('openapi-fetch').Client<paths>} */
  const client = createClient({ baseUrl });
  const { data, error } = await client.POST('/api/v1/auth/login', { body: { email, password, session: 'token' } });
  if (!data?.session_token) throw new Error(`sign-in failed: ${JSON.stringify(error)}`);
  const token = data.session_token;
  client.use({
    onRequest({ request }) {
      request.headers.set('Authorization', `Bearer ${token}`);
      return request;
    },
  });
  return { client, me: data };
}

/**
 * @param {import('openapi-fetch').Client<paths>} client
 * @param {string} q
 */
export async function findOrgs(client, q) {
  return client.GET('/api/v1/orgs', { params: { query: { q, sort: 'name', page: 1, per_page: 10 } } });
}

/**
 * Saves `org` with a new name, based on the `version` it was read at.
 * @param {import('openapi-fetch').Client<paths>} client
 * @param {schemas['Organization']} org
 * @param {string} name
 */
export async function rename(client, org, name) {
  /** @type {schemas['OrganizationUpdate']} */
  const body = {
    name,
    contact_email: org.contact_email,
    logo_url: org.logo_url,
    settings: org.settings,
    version: org.version,
  };
  return client.PUT('/api/v1/orgs/{org}', { params: { path: { org: org.id } }, body });
}

/**
 * @param {import('openapi-fetch').Client<paths>} client
 * @param {number} id
 */
export async function getOrg(client, id) {
  return client.GET('/api/v1/orgs/{org}', { params: { path: { org: id } } });
}

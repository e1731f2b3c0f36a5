// Talks to Atrium's real API on the same origin, with the signed-in session's cookies:
// GET /api/v1/orgs (page, per_page, q, sort), GET and PUT /api/v1/orgs/{id}.
import { HttpError } from 'react-admin';

const csrf = () => document.cookie.split('; ').find((c) => c.startsWith('atrium_csrf='))?.split('=')[1] ?? '';

async function call(path, init = {}) {
  const res = await fetch(`/api/v1${path}`, {
    credentials: 'same-origin',
    ...init,
    headers: { Accept: 'application/json', ...(init.body ? { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf() } : {}) },
  });
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new HttpError(body?.message ?? res.statusText, res.status, body);
  return body;
}

const SORTS = { name: 'name', created_at: 'created', updated_at: 'updated' };

export const dataProvider = {
  async getList(resource, { pagination, sort, filter }) {
    const params = new URLSearchParams({ page: pagination.page, per_page: pagination.perPage });
    const field = SORTS[sort?.field] ?? 'name';
    params.set('sort', sort?.order === 'DESC' ? `-${field}` : field);
    if (filter?.q) params.set('q', filter.q);
    const { items, total } = await call(`/${resource}?${params}`);
    return { data: items, total };
  },
  async getOne(resource, { id }) {
    return { data: await call(`/${resource}/${id}`) };
  },
  async getMany(resource, { ids }) {
    return { data: await Promise.all(ids.map((id) => call(`/${resource}/${id}`))) };
  },
  async update(resource, { id, data, previousData }) {
    const body = {
      name: data.name, contact_email: data.contact_email || null, logo_url: data.logo_url || null,
      settings: previousData.settings, version: previousData.version,
    };
    return { data: await call(`/${resource}/${id}`, { method: 'PUT', body: JSON.stringify(body) }) };
  },
  getManyReference: () => Promise.reject(new Error('not used')),
  create: () => Promise.reject(new Error('not used')),
  updateMany: () => Promise.reject(new Error('not used')),
  delete: () => Promise.reject(new Error('not used')),
  deleteMany: () => Promise.reject(new Error('not used')),
};

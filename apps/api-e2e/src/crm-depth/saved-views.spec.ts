import request from 'supertest';
import { createSavedView } from '../support/domains/saved-views.domain';
import { apiKeyWithRole, members, type Member } from '../support/org-fixture';
import { apiWithOrg } from '../support/api-with-org';

describe('saved views', () => {
  const api = apiWithOrg('Views Org');
  let sales: Member, otherSales: Member, support: Member;
  const http = () => request(api.app.getHttpServer());
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const namesOf = async (token: string, list: string) =>
    (await http().get(`/api/v1/saved-views?list=${list}`).set(as(token)).expect(200)).body.data.map((v: { name: string }) => v.name);
  const count = async () => Number((await api.db.query('SELECT count(*) FROM saved_views WHERE organization_id = $1', [api.admin.organizationId]))[0].count);

  beforeAll(async () => {
    ({ sales, otherSales, support } = await members(api.app, api.admin.accessToken, { sales: 'sales', otherSales: 'sales', support: 'support' }));
  });

  it('saves, lists, renames and deletes a view with its filters, sort and columns', async () => {
    const view = await createSavedView(api.app, api.admin, { name: 'Acme people', filters: { q: 'acme', owner_id: api.admin.userId }, sort: 'created_at:desc', columns: ['name', 'email'] }, sales.token);
    expect(view).toMatchObject({ list: 'contacts', name: 'Acme people', filters: { q: 'acme', owner_id: api.admin.userId }, visibility: 'private', owner_id: sales.id, is_default: false, editable: true });
    const listed = (await http().get('/api/v1/saved-views?list=contacts').set(as(sales.token)).expect(200)).body.data;
    expect(listed).toEqual([expect.objectContaining({ id: view.id, sort: 'created_at:desc', columns: ['name', 'email'] })]);
    const renamed = await http().patch(`/api/v1/saved-views/${view.id}`).set(as(sales.token)).send({ name: '  Acme contacts ' }).expect(200);
    expect(renamed.body).toMatchObject({ name: 'Acme contacts', filters: { q: 'acme', owner_id: api.admin.userId } });
    await http().delete(`/api/v1/saved-views/${view.id}`).set(as(sales.token)).expect(204);
    expect(await namesOf(sales.token, 'contacts')).toEqual([]);
  });

  it('refuses unknown filter keys, lists and empty names with a 400 naming them, writing nothing', async () => {
    const before = await count();
    const unknownKey = await http().post('/api/v1/saved-views').set(as(sales.token)).send({ list: 'contacts', name: 'Bad', filters: { q: 'x', stage: 'won' } }).expect(400);
    expect(unknownKey.body.details).toEqual([{ field: 'filters', errors: [expect.stringContaining('filters.stage is not a filter of the contacts list')] }]);
    const badList = await http().post('/api/v1/saved-views').set(as(sales.token)).send({ list: 'planets', name: 'Bad' }).expect(400);
    expect(badList.body.details.map((d: { field: string }) => d.field)).toEqual(['list']);
    const noName = await http().post('/api/v1/saved-views').set(as(sales.token)).send({ list: 'contacts', name: '   ' }).expect(400);
    expect(noName.body.details).toEqual([{ field: 'name', errors: ['name must not be empty'] }]);
    const view = await createSavedView(api.app, api.admin, { name: 'Fine' }, sales.token);
    const patch = await http().patch(`/api/v1/saved-views/${view.id}`).set(as(sales.token)).send({ filters: { industry: 'Retail' } }).expect(400);
    expect(patch.body.details).toEqual([{ field: 'filters', errors: [expect.stringContaining('filters.industry is not a filter of the contacts list')] }]);
    expect((await http().get('/api/v1/saved-views?list=contacts').set(as(sales.token)).expect(200)).body.data.find((v: { id: string }) => v.id === view.id).filters).toEqual({ q: 'acme' });
    expect(await count()).toBe(before + 1);
    await http().delete(`/api/v1/saved-views/${view.id}`).set(as(sales.token)).expect(204);
  });

  it('shows private views to their owner only and shared ones to every role that opens the list', async () => {
    const mine = await createSavedView(api.app, api.admin, { name: 'Mine only' }, sales.token);
    const shared = await createSavedView(api.app, api.admin, { name: 'Team view', visibility: 'organization' }, sales.token);
    const sharedAccounts = await createSavedView(api.app, api.admin, { list: 'accounts', name: 'Big accounts', filters: { industry: 'Retail' }, visibility: 'organization' }, sales.token);
    expect(await namesOf(sales.token, 'contacts')).toEqual(['Mine only', 'Team view']);
    expect(await namesOf(otherSales.token, 'contacts')).toEqual(['Team view']);
    expect(await namesOf(support.token, 'contacts')).toEqual(['Team view']);
    expect(await namesOf(api.admin.accessToken, 'contacts')).toEqual(['Team view']);
    // Support may not open the accounts list: shared account views are not theirs to see.
    expect(await namesOf(support.token, 'accounts')).toEqual([]);
    expect(await namesOf(otherSales.token, 'accounts')).toEqual(['Big accounts']);
    await http().patch(`/api/v1/saved-views/${mine.id}`).set(as(otherSales.token)).send({ name: 'Stolen' }).expect(404);
    await http().put(`/api/v1/saved-views/${sharedAccounts.id}/default`).set(as(support.token)).expect(404);
    await http().post('/api/v1/saved-views').set(as(support.token)).send({ list: 'accounts', name: 'Nope' }).expect(403);

    // Only the owner or an admin edits a shared view; others who see it get 403.
    const refused = await http().patch(`/api/v1/saved-views/${shared.id}`).set(as(otherSales.token)).send({ name: 'Mine now' }).expect(403);
    expect(refused.body.message).toContain('Only the owner');
    await http().delete(`/api/v1/saved-views/${shared.id}`).set(as(otherSales.token)).expect(403);
    expect((await http().get('/api/v1/saved-views?list=contacts').set(as(otherSales.token)).expect(200)).body.data[0]).toMatchObject({ name: 'Team view', editable: false });
    await http().patch(`/api/v1/saved-views/${shared.id}`).set(as(api.admin.accessToken)).send({ name: 'Team view (admin)' }).expect(200);
    // An admin does not see, let alone edit, a private view.
    await http().patch(`/api/v1/saved-views/${mine.id}`).set(as(api.admin.accessToken)).send({ name: 'x' }).expect(404);

    // Unsharing takes it away from the others.
    await http().patch(`/api/v1/saved-views/${shared.id}`).set(as(sales.token)).send({ visibility: 'private' }).expect(200);
    expect(await namesOf(otherSales.token, 'contacts')).toEqual([]);
    for (const v of [mine, shared, sharedAccounts]) await http().delete(`/api/v1/saved-views/${v.id}`).set(as(sales.token)).expect(204);
  });

  it('keeps one default view per user and list; unsharing drops it from the others', async () => {
    const a = await createSavedView(api.app, api.admin, { name: 'A', visibility: 'organization' }, sales.token);
    const b = await createSavedView(api.app, api.admin, { name: 'B' }, sales.token);
    expect((await http().put(`/api/v1/saved-views/${a.id}/default`).set(as(sales.token)).expect(200)).body).toMatchObject({ id: a.id, is_default: true });
    await http().put(`/api/v1/saved-views/${a.id}/default`).set(as(otherSales.token)).expect(200);
    await http().put(`/api/v1/saved-views/${b.id}/default`).set(as(sales.token)).expect(200);
    const defaults = async (token: string) =>
      (await http().get('/api/v1/saved-views?list=contacts').set(as(token)).expect(200)).body.data.filter((v: { is_default: boolean }) => v.is_default).map((v: { name: string }) => v.name);
    expect(await defaults(sales.token)).toEqual(['B']);
    expect(await defaults(otherSales.token)).toEqual(['A']);
    await http().patch(`/api/v1/saved-views/${a.id}`).set(as(sales.token)).send({ visibility: 'private' }).expect(200);
    expect(await defaults(otherSales.token)).toEqual([]);
    await http().delete(`/api/v1/saved-views/${b.id}/default`).set(as(sales.token)).expect(204);
    expect(await defaults(sales.token)).toEqual([]);
    const rows = await api.db.query('SELECT count(*) FROM saved_view_defaults WHERE organization_id = $1', [api.admin.organizationId]);
    expect(Number(rows[0].count)).toBe(0);
  });

  it('refuses API keys: a view belongs to a signed-in user', async () => {
    const key = await apiKeyWithRole(api.app, api.admin.accessToken, 'admin');
    await http().get('/api/v1/saved-views?list=contacts').set(as(key.key)).expect(403);
  });
});

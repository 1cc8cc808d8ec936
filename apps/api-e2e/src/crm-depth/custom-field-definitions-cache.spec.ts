import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApiApp } from '../support/api-app';
import { createContact } from '../support/domains/contacts.domain';
import { createCustomField } from '../support/domains/custom-fields.domain';
import { signup, SignedUp } from '../support/org-fixture';
import { waitFor } from '../support/wait-for';

/**
 * Each api process keeps the custom field definitions its `cf.<key>` list filters read
 * (CustomFieldDefinitionsCache). Two processes share PostgreSQL, as replicas do: a definition
 * created, changed or deleted through one of them, or straight in SQL, must count on the other
 * as soon as PostgreSQL's announcement arrives, and on the process that made it before it answers.
 */
describe('custom fields: the definitions each api process keeps', () => {
  let a: INestApplication;
  let b: INestApplication;
  let db: DataSource;
  let admin: SignedUp;
  const as = () => ({ Authorization: `Bearer ${admin.accessToken}` });
  const filter = (app: INestApplication, query: string) => request(app.getHttpServer()).get(`/api/v1/contacts?${query}`).set(as());
  const names = async (app: INestApplication, query: string) => ((await filter(app, query).expect(200)).body.data as { first_name: string }[]).map((c) => c.first_name).sort();
  const statusOf = async (app: INestApplication, query: string) => (await filter(app, query)).status;

  beforeAll(async () => {
    [a, b] = await Promise.all([createApiApp(), createApiApp()]);
    db = a.get(DataSource);
    admin = await signup(a, 'Cached Fields Org');
    await createCustomField(a, admin, { record_type: 'contact', key: 'tier', label: 'Tier', type: 'single_select', options: ['gold', 'silver'] });
    await createContact(a, admin, { first_name: 'Gail', last_name: 'Gold', custom_fields: { tier: 'gold' } });
    await createContact(a, admin, { first_name: 'Sam', last_name: 'Silver', custom_fields: { tier: 'silver' } });
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  it('sees a field created through the other process, and its own change before answering', async () => {
    expect(await names(b, 'cf.tier=gold')).toEqual(['Gail']); // b now keeps the contact fields without `region`
    expect(await statusOf(b, 'cf.region=north')).toBe(400);
    await createCustomField(a, admin, { record_type: 'contact', key: 'region', label: 'Region', type: 'text' });
    // a made the change: no wait
    expect(await names(a, 'cf.region=north')).toEqual([]);
    // b hears of it from PostgreSQL (LISTEN custom_fields_changed); allow the notice its trip.
    await waitFor('b to accept the new field', async () => (await statusOf(b, 'cf.region=north')) === 200, 2000, 20);
  });

  it('refuses a field deleted through the other process, and brings it back on restore', async () => {
    const fields = (await request(a.getHttpServer()).get('/api/v1/custom-fields?record_type=contact').set(as()).expect(200)).body.data as { id: string; key: string }[];
    const tier = fields.find((f) => f.key === 'tier') as { id: string };
    expect(await names(b, 'cf.tier=silver')).toEqual(['Sam']);
    await request(a.getHttpServer()).delete(`/api/v1/custom-fields/${tier.id}`).set(as()).expect(204);
    expect(await statusOf(a, 'cf.tier=silver')).toBe(400);
    await waitFor('b to refuse the deleted field', async () => (await statusOf(b, 'cf.tier=silver')) === 400, 2000, 20);
    const refused = await filter(b, 'cf.tier=silver').expect(400);
    expect(refused.body.details.map((d: { field: string }) => d.field)).toEqual(['cf.tier']);

    await request(b.getHttpServer()).post(`/api/v1/custom-fields/${tier.id}/restore`).set(as()).expect(200);
    expect(await names(b, 'cf.tier=silver')).toEqual(['Sam']);
    await waitFor('a to accept the restored field', async () => (await statusOf(a, 'cf.tier=silver')) === 200, 2000, 20);
  });

  it('applies a change of the options written straight in SQL', async () => {
    expect(await statusOf(a, 'cf.tier=bronze')).toBe(400);
    expect(await statusOf(b, 'cf.tier=bronze')).toBe(400);
    await db.query(`UPDATE custom_field_definitions SET options = options || '["bronze"]'::jsonb WHERE organization_id = $1 AND key = 'tier'`, [admin.organizationId]);
    await waitFor('a to accept the new option', async () => (await statusOf(a, 'cf.tier=bronze')) === 200, 2000, 20);
    await waitFor('b to accept the new option', async () => (await statusOf(b, 'cf.tier=bronze')) === 200, 2000, 20);
  });
});

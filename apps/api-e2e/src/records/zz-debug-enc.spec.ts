import request from 'supertest';
import { DataSource } from 'typeorm';
import { EncryptedFields } from '@clockwork/server-core';
import { Contact } from '@clockwork/shared-entities';
import { createApiApp } from '../support/api-app';
import { signup } from '../support/org-fixture';

it('debug', async () => {
  const app = await createApiApp();
  const admin = await signup(app, 'Dbg');
  const as = { Authorization: `Bearer ${admin.accessToken}` };
  const c = (await request(app.getHttpServer()).post('/api/v1/contacts').set(as).send({ first_name: 'A', email: 'a@b.test' }).expect(201)).body;
  const r = await request(app.getHttpServer()).put(`/api/v1/contacts/${c.id}`).set(as).send({ first_name: 'B', email: 'x@b.test' });
  const raw = await app.get(DataSource).query('SELECT * FROM contacts WHERE id = $1', [c.id]);
  const f = app.get(EncryptedFields);
  console.log(r.status, r.body.email, raw[0].email);
  try { console.log('dec1', f.decryptRow('contacts', raw[0]).email); } catch (e) { console.log('e', e); }
  const ds = app.get(DataSource);
  const sub = ds.subscribers[0] as any;
  console.log('subs', ds.subscribers.length, sub.constructor.name);
  const orig = sub.afterLoad.bind(sub);
  sub.afterLoad = (e: any, ev: any) => { console.log('afterLoad in', ev?.metadata?.tableName, e.email); orig(e, ev); console.log('afterLoad out', e.email); };
  console.log('find', (await ds.getRepository(Contact).findOneBy({ id: c.id }))?.email);
  await ds.transaction(async (m) => {
    const l = await m.getRepository(Contact).findOne({ where: { organizationId: admin.organizationId, id: c.id }, lock: { mode: 'pessimistic_write' } });
    console.log('lock', l?.email);
    await m.getRepository(Contact).update({ organizationId: admin.organizationId, id: c.id }, f.forUpdate(ds.getMetadata(Contact), { organizationId: admin.organizationId, id: c.id }, { email: 'q@b.test' }));
    console.log('after', (await m.getRepository(Contact).findOneBy({ organizationId: admin.organizationId, id: c.id }))?.email);
  });
  await app.close();
});

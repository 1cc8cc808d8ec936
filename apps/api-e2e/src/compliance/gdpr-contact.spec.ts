import { FileStorage, SEALED, SealedColumns } from '@clockwork/server-core';
import { randomBytes, randomUUID } from 'node:crypto';
import request from 'supertest';
import { apiWithOrg } from '../support/api-with-org';
import { createAccount } from '../support/domains/accounts.domain';
import { SAMPLE_PDF, uploadAttachment } from '../support/domains/attachments.domain';
import { createContact } from '../support/domains/contacts.domain';
import { createDeal } from '../support/domains/deals.domain';
import { gdprErase, gdprExport } from '../support/domains/gdpr.domain';
import { createNote } from '../support/domains/notes.domain';
import { findEverywhere, json, unzip } from './personal-data-search';
import { openPayloads } from '../support/sealed';

/**
 * GDPR for a contact: the export holds every piece (record, notes, attachment files, mentions,
 * timeline, audit rows); the erase then leaves none of its personal values anywhere in the
 * database, keeps a tombstone, removes the stored files, and a second erase changes nothing.
 */
describe('GDPR export and erase of a contact', () => {
  const api = apiWithOrg('Privacy Org');
  const tag = randomBytes(4).toString('hex');
  const person = {
    first_name: `Zenobia${tag}`,
    last_name: `Quartermaine${tag}`,
    email: `zenobia.${tag}@example.test`,
    phone: `+44 20 ${parseInt(tag, 16) % 10_000_000}`,
    job_title: `Chief Wrangler ${tag}`,
  };
  const fullName = `${person.first_name} ${person.last_name}`;
  const noteText = `Prefers calls after lunch; allergic to peanuts (${tag})`;
  const privateNote = `Private: going through a divorce ${tag}`;
  const fileBytes = Buffer.concat([SAMPLE_PDF, Buffer.from(`% signed contract of ${tag}\n`)]);
  const fileName = `contract-${tag}.pdf`;
  let contactId: string;
  let accountId: string;
  let attachmentId: string;
  let mentionNoteId: string;
  let dealId: string;

  beforeAll(async () => {
    accountId = await createAccount(api.app, api.admin, { name: `Employer ${tag}` });
    contactId = await createContact(api.app, api.admin, { ...person, account_id: accountId, tags: [`vip-${tag}`], metadata: { nickname: `Zee ${tag}` } });
    await request(api.app.getHttpServer()).patch(`/api/v1/contacts/${contactId}`).set('Authorization', `Bearer ${api.admin.accessToken}`).send({ job_title: `${person.job_title} II` }).expect(200);
    await createNote(api.app, api.admin, { parent_type: 'contact', parent_id: contactId, body: noteText });
    await createNote(api.app, api.admin, { parent_type: 'contact', parent_id: contactId, body: privateNote, is_private: true });
    attachmentId = (await uploadAttachment(api.app, api.admin, { parent_type: 'contact', parent_id: contactId, file: fileBytes, filename: fileName })).id;
    mentionNoteId = (await createNote(api.app, api.admin, { parent_type: 'account', parent_id: accountId, body: `Lunch with ${fullName} went well` })).id;
    dealId = await createDeal(api.app, api.admin, { name: `Renewal ${tag}`, account_id: accountId, description: `Champion: ${person.email}` });
    // A webhook delivery of the contact's creation still waiting to be sent (as the worker would queue it).
    const [event] = openPayloads(api.app, await api.db.query(`SELECT organization_id, id, type, payload FROM outbox_events WHERE organization_id = $1 AND aggregate_id = $2 AND type = 'contact.created'`, [api.admin.organizationId, contactId]));
    const [{ id: subscription }] = await api.db.query(
      `INSERT INTO webhook_subscriptions (organization_id, id, url, events, secret) VALUES ($1, gen_random_uuid(), 'https://hooks.example.test/in', '{contact.*}', 'enc:x') RETURNING id`,
      [api.admin.organizationId],
    );
    const deliveryId = randomUUID();
    const body = JSON.stringify({ id: event.id, type: event.type, organization_id: api.admin.organizationId, data: event.payload });
    await api.db.query(
      `INSERT INTO webhook_deliveries (organization_id, id, subscription_id, event_id, message_id, event_type, body, next_attempt_at) VALUES ($1, $7, $2, $3, $4, $5, $6, now())`,
      [api.admin.organizationId, subscription, event.id, `msg_${event.id}`, event.type, api.app.get(SealedColumns).seal(SEALED.deliveryBody, { organizationId: api.admin.organizationId, id: deliveryId }, body), deliveryId],
    );
  });

  let storageKey: string;

  it('exports everything about the contact as a zip of JSON documents and the attachment files', async () => {
    const res = await gdprExport(api.app, api.admin.accessToken, { subject: 'contact', id: contactId }).expect(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="gdpr-export-contact-${contactId}.zip"`);
    const files = unzip(res.body as Buffer);

    const manifest = json<{ subject: string; id: string; documents: string[]; files: string[] }>(files, 'manifest.json');
    expect(manifest).toMatchObject({ subject: 'contact', id: contactId, files: [`attachments/${attachmentId}/${fileName}`] });
    expect(Object.keys(files).sort()).toEqual([...manifest.documents, ...manifest.files].sort());

    expect(json(files, 'contact.json')).toMatchObject({ id: contactId, ...person, job_title: `${person.job_title} II`, tags: [`vip-${tag}`], metadata: { nickname: `Zee ${tag}` } });
    expect(json<{ body: string }[]>(files, 'notes.json').map((n) => n.body).sort()).toEqual([noteText, privateNote].sort());
    expect(json(files, 'attachments.json')).toEqual([expect.objectContaining({ id: attachmentId, file_name: fileName, size_bytes: fileBytes.length })]);
    expect(files[`attachments/${attachmentId}/${fileName}`].equals(fileBytes)).toBe(true);

    const mentions = json<{ notes: { id: string }[]; deals: { id: string }[]; tasks: unknown[] }>(files, 'mentions.json');
    expect(mentions.notes.map((n) => n.id)).toEqual([mentionNoteId]);
    expect(mentions.deals.map((d) => d.id)).toEqual([dealId]);

    const timeline = json<{ type: string }[]>(files, 'timeline.json');
    expect(timeline.map((i) => i.type)).toEqual(expect.arrayContaining(['note', 'audit']));
    const audit = json<{ action: string; object_type: string; object_id: string }[]>(files, 'audit_logs.json');
    expect(audit.filter((r) => r.object_id === contactId).map((r) => r.action)).toEqual(['create', 'update']);
    expect(audit.filter((r) => r.object_type === 'note')).toHaveLength(2);
    expect(audit.filter((r) => r.object_type === 'attachment')).toHaveLength(1);

    [{ storage_key: storageKey }] = await api.db.query(`SELECT storage_key FROM attachments WHERE organization_id = $1 AND id = $2`, [api.admin.organizationId, attachmentId]);
    const logged = await api.db.query(`SELECT actor_id, object_id, changes FROM audit_logs WHERE organization_id = $1 AND action = 'gdpr.export'`, [api.admin.organizationId]);
    expect(logged).toEqual([{ actor_id: api.admin.userId, object_id: contactId, changes: { subject: 'contact', documents: 7, files: 1 } }]);
  });

  it('erases the contact: no personal value of it is left in any text column of any table', async () => {
    const personal = [fullName, person.first_name, person.last_name, person.email, person.phone, person.job_title, noteText, privateNote, fileName, `vip-${tag}`, `Zee ${tag}`];
    expect((await findEverywhere(api.db, personal)).length).toBeGreaterThan(10);

    const res = await gdprErase(api.app, api.admin.accessToken, { subject: 'contact', id: contactId, reason: `Request by ${person.email} (DSR-7)` }).expect(200);
    expect(res.body).toMatchObject({ subject: 'contact', id: contactId, already_erased: false, counts: { notes_deleted: 2, attachments_deleted: 1 } });
    expect(res.body.counts.audit_rows_scrubbed).toBeGreaterThanOrEqual(5);
    expect(res.body.counts.mentions_scrubbed).toBe(2);

    expect(await findEverywhere(api.db, personal)).toEqual([]);

    // The contact stays (its account and deals may point at it) with nothing personal.
    const contact = (await request(api.app.getHttpServer()).get(`/api/v1/contacts/${contactId}`).set('Authorization', `Bearer ${api.admin.accessToken}`).expect(200)).body;
    expect(contact).toMatchObject({ first_name: 'Erased contact', last_name: null, email: null, phone: null, job_title: null, tags: [], metadata: {}, account_id: accountId });
    // Mentions elsewhere lose the personal values, not the rest of their text.
    const [mention] = await api.db.query(`SELECT body FROM notes WHERE organization_id = $1 AND id = $2`, [api.admin.organizationId, mentionNoteId]);
    expect(mention.body).toBe('Lunch with [erased] went well');
    // Audit rows about the contact keep their field names, not the values.
    const [created] = await api.db.query(`SELECT changes FROM audit_logs WHERE organization_id = $1 AND object_id = $2 AND action = 'create'`, [api.admin.organizationId, contactId]);
    expect(created.changes.email).toEqual({ from: null, to: '[erased]' });
    // The pending webhook delivery still goes out, without the personal values.
    const [delivery] = await api.db.query(`SELECT id, body FROM webhook_deliveries WHERE organization_id = $1`, [api.admin.organizationId]);
    expect(JSON.parse(api.app.get(SealedColumns).open(SEALED.deliveryBody, { organizationId: api.admin.organizationId, id: delivery.id }, delivery.body))).toMatchObject({ type: 'contact.created', data: { id: contactId, first_name: '[erased]', email: '[erased]', account_id: accountId } });
    // The stored file is gone too.
    await expect(api.app.get(FileStorage).get(storageKey)).rejects.toThrow();
  });

  it('keeps one tombstone without personal data, and a second erase changes nothing', async () => {
    const tombstones = await api.db.query(`SELECT actor_type, actor_id, object_type, object_id, changes FROM audit_logs WHERE organization_id = $1 AND action = 'gdpr.erase'`, [api.admin.organizationId]);
    expect(tombstones).toEqual([
      {
        actor_type: 'user',
        actor_id: api.admin.userId,
        object_type: 'contact',
        object_id: contactId,
        changes: expect.objectContaining({ subject: 'contact', reason: 'Request by [erased] (DSR-7)', counts: expect.objectContaining({ notes_deleted: 2 }) }),
      },
    ]);
    const events = openPayloads(api.app, await api.db.query(`SELECT organization_id AS _org, id AS _id, payload FROM outbox_events WHERE organization_id = $1 AND type = 'contact.erased'`, [api.admin.organizationId]));
    expect(events).toEqual([{ payload: { id: contactId, erased_at: expect.any(String) } }]);

    const before = await api.db.query(`SELECT count(*)::int AS n, max(created_at) AS last FROM audit_logs WHERE organization_id = $1`, [api.admin.organizationId]);
    const again = await gdprErase(api.app, api.admin.accessToken, { subject: 'contact', id: contactId }).expect(200);
    expect(again.body).toMatchObject({ already_erased: true, counts: { notes_deleted: 0, audit_rows_scrubbed: 0 } });
    expect(await api.db.query(`SELECT count(*)::int AS n, max(created_at) AS last FROM audit_logs WHERE organization_id = $1`, [api.admin.organizationId])).toEqual(before);
  });
});

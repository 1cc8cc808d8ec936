import { encryptedColumns, EncryptedFields, FileStorage } from '@clockwork/server-core';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { SAMPLE_PDF, uploadAttachment } from '../support/domains/attachments.domain';
import { gdprErase } from '../support/domains/gdpr.domain';
import { postImport } from '../support/domains/imports.domain';
import { waitFor } from '../support/wait-for';
import { WebhookReceiver } from '../support/webhook-receiver';
import { WebhookStack } from '../support/webhook-stack';
import { findEverywhere } from './personal-data-search';

/**
 * Copies that finding 2 part A encrypts at rest (another change): until it is merged they hold
 * the plain values, so the scan reports them in a test of their own and the rest stays exact.
 */
const PART_A_COLUMNS = ['outbox_events.payload', 'webhook_deliveries.body', 'webhook_delivery_attempts.response_excerpt'];
const inPartA = (hit: string) => PART_A_COLUMNS.some((c) => hit.startsWith(`${c}:`));

/**
 * The "no plaintext copy" scan: a contact with an email and a phone is created, updated,
 * imported (dry run and real), delivered to a webhook receiver (which echoes what it got),
 * given an attachment, deleted, then erased by id (and a second contact, imported, erased by
 * email). After every stage every text, varchar, jsonb, array and bytea column of every table is
 * searched for the email and the phone: before the erase only encrypted copies may exist, after
 * it none at all, encrypted ones included; the receiver did get the plain values.
 */
describe('personal data: no plaintext copy, and none at all after erasure', () => {
  let stack: WebhookStack;
  let receiver: WebhookReceiver;
  let db: DataSource;
  const tag = randomBytes(4).toString('hex');
  const digits = String(parseInt(tag, 16) % 10_000_000).padStart(7, '0');
  const ada = { first_name: `Adalind${tag}`, last_name: `Scanwell${tag}`, email: `adalind.${tag}@scan.example`, phone: `+44 20 ${digits}` };
  const bob = { first_name: `Bobbin${tag}`, last_name: `Importer${tag}`, email: `bobbin.${tag}@scan.example`, phone: `+1 555 ${digits}` };
  const secrets = [ada.email, ada.phone, bob.email, bob.phone];
  let adaId: string;
  let bobId: string;
  let storageKey: string;

  /** Hits of the scan, outside and inside the columns part A encrypts. */
  const scan = async () => {
    const hits = await findEverywhere(db, secrets);
    return { elsewhere: hits.filter((h) => !inPartA(h)), partA: hits.filter(inPartA) };
  };

  /** Every value of every encrypted column of this organization, decrypted: where the values may still be kept (encrypted). */
  const decryptedCopies = async (): Promise<string[]> => {
    const fields = stack.api.get(EncryptedFields);
    const found: string[] = [];
    for (const spec of encryptedColumns().filter((c) => !c.ownerManaged)) {
      const rows: Record<string, string>[] = await db.query(`SELECT organization_id, id, ${spec.column} FROM ${spec.table} WHERE organization_id = $1 AND ${spec.column} IS NOT NULL`, [stack.admin.organizationId]);
      for (const row of rows) {
        const plain = String(fields.decryptRow(spec.table, row)[spec.column]);
        for (const s of secrets) if (plain.toLowerCase().includes(s.toLowerCase())) found.push(`${spec.table}.${spec.column}: ${s}`);
      }
    }
    return found;
  };

  const importCsv = (dryRun: boolean) =>
    postImport(stack.api, stack.admin.accessToken, {
      kind: 'contacts',
      fileName: `people-${tag}.csv`,
      csv: `First Name,Last Name,Email,Phone\n${ada.first_name},${ada.last_name},${ada.email},${ada.phone}\n${bob.first_name},${bob.last_name},${bob.email},${bob.phone}\n`,
      dryRun,
    });

  beforeAll(async () => {
    receiver = await WebhookReceiver.start();
    // What a receiver answers may echo the event: the attempt's response excerpt is a copy too.
    receiver.answerWith((_n, r) => ({ status: 200, headers: { 'content-type': 'application/json' }, body: r.body }));
    stack = await WebhookStack.start();
    db = stack.api.get(DataSource);
    await stack.subscribe(receiver.url, ['contact.*']);
  });
  afterAll(async () => {
    await stack?.close();
    await receiver?.close();
  });

  it('create, update, attachment, import (dry run, then real) and webhook deliveries: no plaintext copy outside the encrypted columns', async () => {
    adaId = (await stack.http().post('/api/v1/contacts').set(stack.auth).send(ada).expect(201)).body.id;
    expect((await scan()).elsewhere).toEqual([]);
    await stack.http().patch(`/api/v1/contacts/${adaId}`).set(stack.auth).send({ job_title: `Analyst ${tag}` }).expect(200);
    expect((await scan()).elsewhere).toEqual([]);
    const attachment = await uploadAttachment(stack.api, stack.admin, { parent_type: 'contact', parent_id: adaId, file: SAMPLE_PDF, filename: `cv-${tag}.pdf` });
    [{ storage_key: storageKey }] = await db.query(`SELECT storage_key FROM attachments WHERE id = $1`, [attachment.id]);

    const preview = await importCsv(true).expect(200);
    expect(preview.body.rows.map((r: { action: string }) => r.action)).toEqual(['update', 'create']);
    // A dry run keeps nothing: not the file, not the rows it previewed.
    expect((await scan()).elsewhere).toEqual([]);
    expect((await db.query(`SELECT count(*)::int AS n FROM import_chunks WHERE organization_id = $1`, [stack.admin.organizationId]))[0].n).toBe(0);

    // The real import, held while the worker is stopped: its file waits in import_chunks, encrypted.
    await stack.stopWorker();
    const started = await importCsv(false).expect(202);
    const chunks: { data: Buffer }[] = await db.query(`SELECT data FROM import_chunks WHERE import_id = $1`, [started.body.id]);
    expect(chunks.length).toBeGreaterThan(0);
    for (const c of chunks) expect(c.data.subarray(0, 7).toString('latin1')).toBe('enc:v1:');
    expect((await scan()).elsewhere).toEqual([]);

    await stack.startWorker();
    const done = await waitFor(
      'the import to finish',
      async () => {
        const body = (await stack.http().get(`/api/v1/imports/${started.body.id}`).set(stack.auth).expect(200)).body;
        return body.status === 'completed' ? body : null;
      },
      30_000,
    );
    expect(done).toMatchObject({ created_count: 1, updated_count: 1, error_count: 0 });
    // The import ended: its file is gone.
    expect((await db.query(`SELECT count(*)::int AS n FROM import_chunks WHERE import_id = $1`, [started.body.id]))[0].n).toBe(0);
    [{ id: bobId }] = await db.query(`SELECT id FROM contacts WHERE organization_id = $1 AND first_name = $2`, [stack.admin.organizationId, bob.first_name]);

    let delivered: string[] = [];
    await waitFor('deliveries of both contacts', async () => {
      delivered = receiver.events().map((e) => `${e.type}:${e.data['id']}`);
      return delivered.includes(`contact.created:${adaId}`) && delivered.includes(`contact.created:${bobId}`) && delivered.includes(`contact.updated:${adaId}`);
    }).catch((e: Error) => {
      throw new Error(`${e.message}; delivered: ${delivered.join(', ')}`);
    });
    // The receiver got the plain values: only storage keeps them encrypted.
    const sent = JSON.stringify(receiver.events());
    for (const s of secrets) expect(sent).toContain(s);

    expect((await scan()).elsewhere).toEqual([]);
    // The encrypted copies are where they belong: the contacts themselves.
    expect((await decryptedCopies()).sort()).toEqual([`contacts.email: ${ada.email}`, `contacts.email: ${bob.email}`, `contacts.phone: ${ada.phone}`, `contacts.phone: ${bob.phone}`].sort());
  });

  it('an ordinary delete: still no plaintext copy outside the encrypted columns, and the attachment file is removed by the worker', async () => {
    await stack.http().delete(`/api/v1/contacts/${adaId}`).set(stack.auth).expect(204);
    await waitFor('the delete delivered', async () => receiver.events().some((e) => e.type === 'contact.deleted' && e.data['id'] === adaId));
    expect((await scan()).elsewhere).toEqual([]);
    const storage = stack.api.get(FileStorage);
    await waitFor('the stored file of the deleted contact removed', async () => storage.get(storageKey).then(
      () => false,
      () => true,
    ));
    expect((await db.query(`SELECT count(*)::int AS n FROM stored_file_deletions WHERE organization_id = $1`, [stack.admin.organizationId]))[0].n).toBe(0);
  });

  it('before the erase, the event payloads, delivery bodies and delivery responses hold no plaintext either (finding 2 part A)', async () => {
    expect((await scan()).partA).toEqual([]);
  });

  it('erases the deleted contact by id and the other by email: no copy left anywhere, encrypted or not', async () => {
    const byId = await gdprErase(stack.api, stack.admin.accessToken, { subject: 'contact', id: adaId, reason: 'DSR-scan-1' }).expect(200);
    expect(byId.body).toMatchObject({ subject: 'contact', id: adaId, contact_ids: [adaId], already_erased: false });
    expect(byId.body.counts.events_scrubbed).toBeGreaterThan(0);

    const byEmail = await gdprErase(stack.api, stack.admin.accessToken, { subject: 'contact', email: bob.email.toUpperCase() }).expect(200);
    expect(byEmail.body).toMatchObject({ subject: 'contact', contact_ids: [bobId], already_erased: false });

    expect(await findEverywhere(db, secrets)).toEqual([]);
    expect(await decryptedCopies()).toEqual([]);
    expect((await db.query(`SELECT count(*)::int AS n FROM deleted_contacts WHERE organization_id = $1`, [stack.admin.organizationId]))[0].n).toBe(0);

    // Asking again changes nothing; an address nobody had is a 404 naming the field.
    expect((await gdprErase(stack.api, stack.admin.accessToken, { subject: 'contact', id: adaId }).expect(200)).body).toMatchObject({ already_erased: true, contact_ids: [adaId] });
    expect((await gdprErase(stack.api, stack.admin.accessToken, { subject: 'contact', email: bob.email }).expect(200)).body).toMatchObject({ already_erased: true, id: bob.email });
    const unknown = await gdprErase(stack.api, stack.admin.accessToken, { subject: 'contact', email: `nobody.${tag}@scan.example` }).expect(404);
    expect(unknown.body.message).toMatch(/^email: /);
    await gdprErase(stack.api, stack.admin.accessToken, { subject: 'contact', id: adaId, email: bob.email }).expect(400);
    await gdprErase(stack.api, stack.admin.accessToken, { subject: 'employee', email: bob.email }).expect(400);
  });
});

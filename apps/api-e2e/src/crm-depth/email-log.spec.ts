import { INestApplication } from '@nestjs/common';
import { FileStorage } from '@clockwork/server-core';
import { createServer } from 'node:net';
import { createTransport } from 'nodemailer';
import type { Readable } from 'node:stream';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createAccount } from '../support/domains/accounts.domain';
import { createContact } from '../support/domains/contacts.domain';
import { createDeal } from '../support/domains/deals.domain';
import { inboundEmail, rotateInbox, RotatedInbox, sendInboundEmail } from '../support/domains/email-log.domain';
import { IsolatedStack, startIsolatedStack } from '../support/isolated-stack';
import { signup, SignedUp, userWithRole } from '../support/org-fixture';
import { waitFor } from '../support/wait-for';

/** A port nothing listens on right now, on loopback. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const bytesOf = async (stream: Readable) => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

/**
 * Email logging over the real api and worker: mail sent with nodemailer to the worker's SMTP
 * listener (started by SMTP_LISTEN_PORT) lands on the right timelines; the signed webhook;
 * the review list.
 */
describe('email logging', () => {
  let stack: IsolatedStack;
  let app: INestApplication;
  let db: DataSource;
  let admin: SignedUp;
  let port: number;
  const http = () => request(app.getHttpServer());
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const smtp = () => createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, tls: { rejectUnauthorized: false } });
  const emailsOf = async (organizationId: string) => Number((await db.query('SELECT count(*) FROM logged_emails WHERE organization_id = $1', [organizationId]))[0].count);
  const timeline = async (kind: 'contacts' | 'accounts', id: string, token = admin.accessToken) =>
    (await http().get(`/api/v1/${kind}/${id}/timeline`).set(as(token)).expect(200)).body.data.filter((i: { type: string }) => i.type === 'email');

  beforeAll(async () => {
    port = await freePort();
    stack = await startIsolatedStack('emaillog', { SMTP_LISTEN_PORT: String(port), SMTP_LISTEN_HOST: '127.0.0.1', SMTP_LISTEN_MAX_BYTES: '200000' });
    ({ app, db } = stack);
    admin = await signup(app, 'Email Log Org');
  });
  afterAll(() => stack?.close());

  it('logs a mail sent with nodemailer to the listener on the sender contact, its account and open deals, body encrypted, attachment stored', async () => {
    const account = await createAccount(app, admin, { name: 'Initech' });
    const contact = await createContact(app, admin, { first_name: 'Peter', email: 'Peter.Gibbons@Initech.test', account_id: account });
    const other = await createContact(app, admin, { first_name: 'Samir', email: 'samir@elsewhere.test' });
    const openDeal = await createDeal(app, admin, { name: 'TPS renewal', account_id: account });
    const closedDeal = await createDeal(app, admin, { name: 'Old deal', account_id: account });
    await http().post(`/api/v1/deals/${closedDeal}/close`).set(as(admin.accessToken)).send({ outcome: 'lost', reason: 'Gone' }).expect(200);
    const { address } = (await http().get('/api/v1/email-log/address').set(as(admin.accessToken)).expect(200)).body;
    expect(address).toMatch(/^[a-z0-9]{16}@inbound\.clockwork\.local$/);

    const pdf = Buffer.from('%PDF-1.4 the TPS report cover sheet');
    const sent = await smtp().sendMail({
      from: '"Peter Gibbons" <peter.gibbons@initech.test>',
      to: 'sales@ourcompany.test',
      bcc: address,
      subject: 'TPS reports',
      text: 'Did you get the memo about the new cover sheets?\nThanks, Peter',
      attachments: [{ filename: 'cover.pdf', content: pdf, contentType: 'application/pdf' }],
    });
    expect(sent.accepted).toEqual([address]);

    const items = await waitFor('the email on the contact timeline', async () => {
      const found = await timeline('contacts', contact);
      return found.length ? found : null;
    });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      summary: 'TPS reports',
      data: {
        subject: 'TPS reports',
        snippet: 'Did you get the memo about the new cover sheets? Thanks, Peter',
        from: { address: 'peter.gibbons@initech.test', name: 'Peter Gibbons' },
        to: [{ address: 'sales@ourcompany.test', name: null }],
      },
    });
    const emailId = items[0].id;
    expect((await timeline('accounts', account)).map((i: { id: string }) => i.id)).toEqual([emailId]);
    expect(await timeline('contacts', other)).toEqual([]);
    const byDeal = async (deal: string) => (await http().get(`/api/v1/email-log/emails?deal_id=${deal}`).set(as(admin.accessToken)).expect(200)).body.data.map((e: { id: string }) => e.id);
    expect(await byDeal(openDeal)).toEqual([emailId]);
    expect(await byDeal(closedDeal)).toEqual([]);

    // The links, as the database holds them: the contact, its account, the open deal only.
    const links = await db.query('SELECT contact_id, account_id, deal_id FROM logged_email_links WHERE organization_id = $1 AND email_id = $2', [admin.organizationId, emailId]);
    expect(links).toHaveLength(3);
    expect(links).toEqual(expect.arrayContaining([{ contact_id: contact, account_id: null, deal_id: null }, { contact_id: null, account_id: account, deal_id: null }, { contact_id: null, account_id: null, deal_id: openDeal }]));

    // The body is encrypted at rest and read back whole.
    const [row] = await db.query('SELECT body_text, source, status FROM logged_emails WHERE organization_id = $1 AND id = $2', [admin.organizationId, emailId]);
    expect(row).toMatchObject({ source: 'smtp', status: 'matched' });
    expect(row.body_text).toMatch(/^enc:v1:/);
    expect(row.body_text).not.toContain('memo');
    const full = (await http().get(`/api/v1/email-log/emails/${emailId}`).set(as(admin.accessToken)).expect(200)).body;
    expect(full.body_text.trim()).toBe('Did you get the memo about the new cover sheets?\nThanks, Peter');
    expect(full).toMatchObject({ contact_ids: [contact], account_ids: [account], deal_ids: [openDeal], attachments: [{ file_name: 'cover.pdf', content_type: 'application/pdf', size_bytes: pdf.length }] });
    const [file] = await db.query('SELECT storage_key FROM logged_email_attachments WHERE organization_id = $1 AND email_id = $2', [admin.organizationId, emailId]);
    expect((await bytesOf(await app.get(FileStorage).get(file.storage_key))).equals(pdf)).toBe(true);

    // A support user reads the contact's emails; the account's are not theirs to read.
    const support = await userWithRole(app, admin.accessToken, 'support');
    expect((await timeline('contacts', contact, support.token)).map((i: { id: string }) => i.id)).toEqual([emailId]);
    await http().get(`/api/v1/email-log/emails?account_id=${account}`).set(as(support.token)).expect(404);
  });

  it('stores the same message once, however often it arrives', async () => {
    await createContact(app, admin, { first_name: 'Bill', email: 'bill@initech.test' });
    const { address } = (await http().get('/api/v1/email-log/address').set(as(admin.accessToken)).expect(200)).body;
    const before = await emailsOf(admin.organizationId);
    const message = { from: 'bill@initech.test', to: address, subject: 'Saturday', text: 'Yeah, I am going to need you to come in on Saturday.', messageId: '<saturday-1@initech.test>' };
    await smtp().sendMail(message);
    await smtp().sendMail(message);
    const [{ count }] = await db.query(`SELECT count(*)::int AS count FROM logged_emails WHERE organization_id = $1 AND message_id = '<saturday-1@initech.test>'`, [admin.organizationId]);
    expect(count).toBe(1);
    expect(await emailsOf(admin.organizationId)).toBe(before + 1);
  });

  it('refuses recipients that are no inbound address (550), and an old address once rotated', async () => {
    const org = await signup(app, 'Rotating Org');
    const { address: old } = (await http().get('/api/v1/email-log/address').set(as(org.accessToken)).expect(200)).body;
    const unknown = await smtp().sendMail({ from: 'a@b.test', to: 'nobody0000000000@inbound.clockwork.local', subject: 'x', text: 'x' }).catch((e) => e);
    expect(unknown).toMatchObject({ responseCode: 550 });
    const elsewhere = await smtp().sendMail({ from: 'a@b.test', to: 'someone@gmail.test', subject: 'x', text: 'x' }).catch((e) => e);
    expect(elsewhere).toMatchObject({ responseCode: 550 });
    const rotated = await rotateInbox(app, org);
    expect(rotated.address).not.toBe(old);
    expect(rotated.webhook_secret).toMatch(/^whsec_/);
    const stale = await smtp().sendMail({ from: 'a@b.test', to: old, subject: 'x', text: 'x' }).catch((e) => e);
    expect(stale).toMatchObject({ responseCode: 550 });
    const fresh = await smtp().sendMail({ from: 'a@b.test', to: rotated.address, subject: 'After rotation', text: 'x' });
    expect(fresh.accepted).toEqual([rotated.address]);
    await waitFor('the email after rotation', async () => (await emailsOf(org.organizationId)) === 1);
    // Too big for SMTP_LISTEN_MAX_BYTES (200 kB here): refused, nothing stored.
    const big = await smtp().sendMail({ from: 'a@b.test', to: rotated.address, subject: 'Big', text: 'x'.repeat(300_000) }).catch((e) => e);
    expect(big).toMatchObject({ responseCode: 552 });
    expect(await emailsOf(org.organizationId)).toBe(1);
  });

  it('keeps unmatched mail for review: admins and managers list, assign and discard it; others get 403 or 404', async () => {
    const org = await signup(app, 'Review Org');
    const sales = await userWithRole(app, org.accessToken, 'sales');
    const manager = await userWithRole(app, org.accessToken, 'manager');
    const inbox = await rotateInbox(app, org);
    const first = (await sendInboundEmail(app, inbox, inboundEmail({ subject: 'Who is this?', from: { address: 'lumbergh@initech.test', name: 'Bill Lumbergh' } })).expect(200)).body;
    expect(first).toEqual({ id: expect.any(String), status: 'unmatched', duplicate: false });
    const second = (await sendInboundEmail(app, inbox, inboundEmail({ subject: 'Spam' })).expect(200)).body;
    const list = (await http().get('/api/v1/email-log/unmatched').set(as(manager.token)).expect(200)).body.data;
    expect(list.map((e: { id: string }) => e.id).sort()).toEqual([first.id, second.id].sort());
    await http().get('/api/v1/email-log/unmatched').set(as(sales.token)).expect(403);
    await http().get(`/api/v1/email-log/emails/${first.id}`).set(as(sales.token)).expect(404);

    const account = await createAccount(app, org, { name: 'Initech' });
    const contact = await createContact(app, org, { first_name: 'Bill', email: 'bill.l@initech.test', account_id: account });
    const bad = await http().post(`/api/v1/email-log/unmatched/${first.id}/assign`).set(as(manager.token)).send({ contact_id: 'bill' }).expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual(['contact_id']);
    const unknown = await http().post(`/api/v1/email-log/unmatched/${first.id}/assign`).set(as(manager.token)).send({ contact_id: '01890000-0000-7000-8000-000000000000' }).expect(400);
    expect(unknown.body.details).toEqual([{ field: 'contact_id', errors: ['contact_id is not a contact of your organization'] }]);
    const assigned = (await http().post(`/api/v1/email-log/unmatched/${first.id}/assign`).set(as(manager.token)).send({ contact_id: contact }).expect(200)).body;
    expect(assigned).toMatchObject({ status: 'matched', contact_ids: [contact], account_ids: [account], deal_ids: [] });
    await http().post(`/api/v1/email-log/unmatched/${first.id}/assign`).set(as(manager.token)).send({ contact_id: contact }).expect(409);
    expect((await timeline('contacts', contact, org.accessToken)).map((i: { id: string }) => i.id)).toEqual([first.id]);
    expect((await http().get(`/api/v1/email-log/emails/${first.id}`).set(as(sales.token)).expect(200)).body.subject).toBe('Who is this?');

    await http().delete(`/api/v1/email-log/unmatched/${second.id}`).set(as(sales.token)).expect(403);
    await http().delete(`/api/v1/email-log/unmatched/${second.id}`).set(as(manager.token)).expect(204);
    expect((await http().get('/api/v1/email-log/unmatched').set(as(org.accessToken)).expect(200)).body.data).toEqual([]);
    expect(await emailsOf(org.organizationId)).toBe(1);
    const [{ actions }] = await db.query(`SELECT array_agg(action ORDER BY created_at, id) AS actions FROM audit_logs WHERE organization_id = $1 AND object_type = 'logged_email'`, [org.organizationId]);
    expect(actions).toEqual(['create', 'create', 'assign', 'delete']);
  });

  it('the signed webhook refuses bad input with a 400 naming the field and bad signatures with a 401, storing nothing', async () => {
    const org = await signup(app, 'Webhook Org');
    const inbox: RotatedInbox = await rotateInbox(app, org);
    const fields = async (email: unknown) => (await sendInboundEmail(app, inbox, email).expect(400)).body.details.map((d: { field: string }) => d.field).sort();
    expect(await fields(inboundEmail({ from: { address: 'not an address' } }))).toEqual(['from.address']);
    expect(await fields(inboundEmail({ to: 'x@y.test', message_id: '' }))).toEqual(['message_id', 'to']);
    expect(await fields(inboundEmail({ date: 'yesterday', attachments: [{ file_name: 'a.txt', content_type: 'text', content_base64: '!!' }] }))).toEqual(['attachments.0.content_base64', 'attachments.0.content_type', 'date']);
    expect(await fields(inboundEmail({ to: Array.from({ length: 101 }, (_, i) => ({ address: `p${i}@x.test` })) }))).toEqual(['to']);
    expect((await sendInboundEmail(app, inbox, null, { raw: '{not json' }).expect(400)).body.details).toEqual([{ field: 'body', errors: ['body must be JSON'] }]);

    await sendInboundEmail(app, { ...inbox, webhook_secret: 'whsec_' + Buffer.alloc(32, 7).toString('base64') }, inboundEmail()).expect(401);
    await sendInboundEmail(app, inbox, inboundEmail(), { at: new Date(Date.now() - 10 * 60_000) }).expect(401);
    await sendInboundEmail(app, inbox, inboundEmail(), { headers: { 'webhook-signature': undefined } }).expect(401);
    await sendInboundEmail(app, { ...inbox, token: 'zzzzzzzzzzzzzzzz' }, inboundEmail()).expect(401);
    const malformed = await sendInboundEmail(app, { ...inbox, token: 'NOT-A-TOKEN' }, inboundEmail()).expect(400);
    expect(malformed.body.details.map((d: { field: string }) => d.field)).toEqual(['token']);
    expect(await emailsOf(org.organizationId)).toBe(0);

    // Well signed and valid: logged once, a redelivery is a duplicate.
    const email = inboundEmail({ attachments: [{ file_name: 'notes.txt', content_type: 'text/plain', content_base64: Buffer.from('hello').toString('base64') }] });
    const logged = (await sendInboundEmail(app, inbox, email).expect(200)).body;
    expect((await sendInboundEmail(app, inbox, email).expect(200)).body).toEqual({ ...logged, duplicate: true });
    expect(await emailsOf(org.organizationId)).toBe(1);
  });
});

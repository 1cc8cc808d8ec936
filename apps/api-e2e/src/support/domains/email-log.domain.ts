import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { SignedUp } from '../org-fixture';
import { postSignedWebhook, type SignedWebhookOptions } from '../signed-webhook';
import { createContact } from './contacts.domain';
import type { DomainFixture } from './domain-fixture';

const http = (app: INestApplication) => request(app.getHttpServer());
const auth = (admin: SignedUp) => ({ Authorization: `Bearer ${admin.accessToken}` });

export interface RotatedInbox {
  address: string;
  token: string;
  webhook_secret: string;
}

/** Rotates the organization's inbound address as its admin: the address and the webhook secret to sign with. */
export async function rotateInbox(app: INestApplication, admin: SignedUp): Promise<RotatedInbox> {
  return (await http(app).post('/api/v1/email-log/address/rotate').set(auth(admin)).expect(200)).body;
}

/** Posts an email to the inbound-mail webhook of `inbox`, signed with the inbox's webhook secret. */
export function sendInboundEmail(app: INestApplication, inbox: Pick<RotatedInbox, 'token' | 'webhook_secret'>, email: unknown, options: SignedWebhookOptions = {}) {
  return postSignedWebhook(app, `/api/v1/email-log/inbound/${inbox.token}`, inbox.webhook_secret, email, options);
}

/** A provider-neutral inbound email from `from` to `to` (a fresh Message-ID unless given). */
export const inboundEmail = (over: Record<string, unknown> = {}) => ({
  message_id: `<${randomUUID()}@mail.example.test>`,
  from: { address: 'stranger@nowhere.test', name: 'Stranger' },
  to: [{ address: 'someone@elsewhere.test', name: null }],
  subject: 'Hello there',
  text: 'Just saying hello.',
  ...over,
});

/** An unmatched email in the admin's organization (through the signed webhook); returns its id. */
export async function createUnmatchedEmail(app: INestApplication, admin: SignedUp, over: Record<string, unknown> = {}): Promise<string> {
  const inbox = await rotateInbox(app, admin);
  const res = await sendInboundEmail(app, inbox, inboundEmail(over)).expect(200);
  return res.body.id;
}

const fixture: DomainFixture = {
  resource: 'email-log',
  create: (app, admin) => createUnmatchedEmail(app, admin),
  bodies: { 'POST /api/v1/email-log/unmatched/{id}/assign': { contact_id: '01890000-0000-7000-8000-000000000000' } },
  audit: {
    'POST /api/v1/email-log/address/rotate': {
      setup: async (app, admin) => ({ address: (await http(app).get('/api/v1/email-log/address').set(auth(admin)).expect(200)).body.address }),
      call: async (app, admin, s) => {
        const rotated = await rotateInbox(app, admin);
        return { expected: { action: 'rotate', object_type: 'email_inbox', actor_id: admin.userId, changes: { address: { from: s.address, to: rotated.address } } } };
      },
    },
    'POST /api/v1/email-log/inbound/{token}': {
      setup: async (app, admin) => {
        const inbox = await rotateInbox(app, admin);
        return { token: inbox.token, webhook_secret: inbox.webhook_secret };
      },
      call: async (app, _admin, s) => {
        const res = await sendInboundEmail(app, { token: s.token, webhook_secret: s.webhook_secret }, inboundEmail({ subject: 'Audited mail' })).expect(200);
        return { expected: { action: 'create', object_type: 'logged_email', object_id: res.body.id, actor_id: null, changes: { subject: { from: null, to: 'Audited mail' }, status: { from: null, to: 'unmatched' } } } };
      },
    },
    'POST /api/v1/email-log/unmatched/{id}/assign': {
      setup: async (app, admin) => ({ id: await createUnmatchedEmail(app, admin), contact: await createContact(app, admin, { first_name: 'Assignee' }) }),
      call: async (app, admin, s) => {
        await http(app).post(`/api/v1/email-log/unmatched/${s.id}/assign`).set(auth(admin)).send({ contact_id: s.contact }).expect(200);
        return { expected: { action: 'assign', object_type: 'logged_email', object_id: s.id, actor_id: admin.userId, changes: { status: { from: 'unmatched', to: 'matched' }, contact_id: { from: null, to: s.contact } } } };
      },
    },
    'DELETE /api/v1/email-log/unmatched/{id}': {
      setup: async (app, admin) => ({ id: await createUnmatchedEmail(app, admin, { subject: 'Spam' }) }),
      call: async (app, admin, s) => {
        await http(app).delete(`/api/v1/email-log/unmatched/${s.id}`).set(auth(admin)).expect(204);
        return { expected: { action: 'delete', object_type: 'logged_email', object_id: s.id, actor_id: admin.userId, changes: { subject: { from: 'Spam', to: null } } } };
      },
    },
  },
};
export default fixture;

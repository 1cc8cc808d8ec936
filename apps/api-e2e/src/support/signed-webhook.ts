import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { http } from './domains/domain-fixture';

export interface SignedWebhookOptions {
  /** webhook-id; a fresh one by default. */
  msgId?: string;
  /** When the sender signs it (default now). */
  at?: Date;
  /** Headers to leave out (undefined) or replace. */
  headers?: Record<string, string | undefined>;
  /** The raw body to send instead of JSON.stringify(payload). */
  raw?: string;
}

/**
 * POSTs `payload` to one of the api's inbound webhook routes as a Standard Webhooks sender does:
 * signed with `secret` by the reference `standardwebhooks` library.
 */
export function postSignedWebhook(app: INestApplication, path: string, secret: string, payload: unknown, options: SignedWebhookOptions = {}) {
  const body = options.raw ?? JSON.stringify(payload);
  const msgId = options.msgId ?? `msg_${randomUUID()}`;
  const at = options.at ?? new Date();
  const headers: Record<string, string | undefined> = {
    'content-type': 'application/json',
    'webhook-id': msgId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(msgId, at, body),
    ...options.headers,
  };
  let req = http(app).post(path);
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) req = req.set(name, value);
  return req.send(body);
}

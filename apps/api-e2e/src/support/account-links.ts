import { INestApplication } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { v7 as uuid } from 'uuid';
import type { ParsedMail } from 'mailparser';
import { SmtpSink } from '@clockwork/testing-support';
import { waitFor } from './wait-for';

const sha256 = (v: string) => createHash('sha256').update(v).digest('hex');

/**
 * Account links for tests that run without an SMTP server (the audit and permission walks): a
 * token is made here and only its hash stored, as the api does. Flows that test the links
 * themselves read them from the mail (see mailedToken).
 */
export async function storedResetToken(app: INestApplication, organizationId: string, userId: string): Promise<string> {
  const token = `pr_${randomBytes(32).toString('base64url')}`;
  await app.get(DataSource).query(
    `INSERT INTO password_reset_tokens (organization_id, id, user_id, token_hash, expires_at) VALUES ($1, $2, $3, $4, now() + interval '1 hour')`,
    [organizationId, uuid(), userId, sha256(token)],
  );
  return token;
}

export async function storedInvitation(app: INestApplication, organizationId: string, email: string, role = 'sales'): Promise<{ id: string; token: string }> {
  const token = `inv_${randomBytes(32).toString('base64url')}`;
  const id = uuid();
  await app.get(DataSource).query(
    `INSERT INTO user_invitations (organization_id, id, email, name, role, token_hash, expires_at) VALUES ($1, $2, $3, 'Invited Person', $4, $5, now() + interval '7 days')`,
    [organizationId, id, email, role, sha256(token)],
  );
  return { id, token };
}

export async function storedPendingSignup(app: INestApplication, email: string, passwordHash = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$0000000000000000000000000000000000000000000'): Promise<{ organizationId: string; token: string }> {
  const db = app.get(DataSource);
  const token = `ev_${randomBytes(32).toString('base64url')}`;
  const organizationId = uuid();
  await db.query(`INSERT INTO organizations (id, name) VALUES ($1, 'Pending Org')`, [organizationId]);
  await db.query(
    `INSERT INTO signup_verifications (organization_id, id, email, name, password_hash, token_hash, expires_at) VALUES ($1, $2, $3, 'Pending Admin', $4, $5, now() + interval '24 hours')`,
    [organizationId, uuid(), email, passwordHash, sha256(token)],
  );
  return { organizationId, token };
}

/** Waits for the next message to `to` whose text has a `<page>#token=` link; returns the mail and the token. */
export async function mailedToken(smtp: SmtpSink, to: string, page: string, after = 0): Promise<{ mail: ParsedMail; token: string; link: string }> {
  const pattern = new RegExp(`(https?://\\S+/${page}#token=([A-Za-z0-9_%-]+))`);
  const mail: ParsedMail = await waitFor(`a ${page} mail to ${to}`, async () =>
    smtp.messages.slice(after).find((m) => SmtpSink.recipients(m).includes(to.toLowerCase()) && pattern.test(m.text ?? '')) as ParsedMail,
  );
  const [, link, token] = pattern.exec(mail.text ?? '') as RegExpExecArray;
  return { mail, token: decodeURIComponent(token), link };
}

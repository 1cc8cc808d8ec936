import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createAccount } from './domains/accounts.domain';
import { createDeal } from './domains/deals.domain';
import { createTimeEntry } from './domains/time-entries.domain';
import type { SignedUp } from './org-fixture';

const http = (app: INestApplication) => request(app.getHttpServer());
const auth = (admin: SignedUp) => ({ Authorization: `Bearer ${admin.accessToken}` });

export async function createRate(app: INestApplication, admin: SignedUp, body: Record<string, unknown> = {}): Promise<string> {
  const res = await http(app).post('/api/v1/rates').set(auth(admin)).send({ hourly_rate: '120.00', currency: 'USD', valid_from: '2026-01-01', ...body }).expect(201);
  return res.body.id;
}

export async function createExchangeRate(app: INestApplication, admin: SignedUp, body: Record<string, unknown> = {}): Promise<string> {
  const res = await http(app).post('/api/v1/exchange-rates').set(auth(admin)).send({ base_currency: 'USD', quote_currency: 'EUR', rate: '0.9215', rate_date: '2026-03-31', ...body }).expect(201);
  return res.body.id;
}

/** A deal of a new account with one billable, mapped hour on 2026-03-02 and an organization rate. */
export async function billableDeal(app: INestApplication, admin: SignedUp): Promise<{ account: string; deal: string; entry: string }> {
  const account = await createAccount(app, admin, { name: 'Billed Corp' });
  const deal = await createDeal(app, admin, { name: 'Billed work', account_id: account });
  await http(app).post('/api/v1/rates').set(auth(admin)).send({ hourly_rate: '100.00', currency: 'USD', valid_from: '2026-01-01' });
  const entry = await createTimeEntry(app, admin, { deal_id: deal, user_id: admin.userId });
  return { account, deal, entry };
}

/** A draft invoice of one billable hour (its own deal and entry); returns the invoice id. */
export async function createDraftInvoice(app: INestApplication, admin: SignedUp): Promise<string> {
  const { deal } = await billableDeal(app, admin);
  const res = await http(app).post('/api/v1/invoices').set(auth(admin)).send({ deal_id: deal, period_from: '2026-03-01', period_to: '2026-03-31', currency: 'USD' }).expect(201);
  return res.body.id;
}

export async function issueInvoice(app: INestApplication, admin: SignedUp, id: string): Promise<Record<string, unknown>> {
  return (await http(app).post(`/api/v1/invoices/${id}/issue`).set(auth(admin)).expect(200)).body;
}

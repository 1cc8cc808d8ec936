import { createHmac, randomBytes } from 'node:crypto';
import { apiOk } from './app';

/** What a signup answers (the session the web app stores). */
export interface Tokens {
  access_token: string;
  refresh_token: string;
  user: { id: string };
  organization: { id: string; name: string };
}

/** Records of the seeded organization that pages and overlays open by id. */
export interface SeedRecords {
  account: string;
  contact: string;
  deal: string;
  issuedInvoice: string;
  draftInvoice: string;
}

/**
 * A fresh organization with a few accounts, contacts, deals on every stage of the board, tasks,
 * time entries (mapped ones and three in the review queue), mapping rules, a productivity
 * connection with one sync conflict, hourly, cost and exchange rates, a retention policy, a deal
 * budget, a submitted (empty) timesheet, one issued and one draft invoice.
 */
export async function seedOrganization(apiUrl: string, tag: string): Promise<Tokens & { records: SeedRecords }> {
  const tokens = await signUp(apiUrl, 'Initech Consulting', `maya-${tag}@initech.test`);
  const call = <T = { id: string }>(path: string, body: unknown, method = 'POST') => apiOk<T>(apiUrl, tokens.access_token, method, path, body);

  const accounts = [];
  for (const [name, industry, domain] of [
    ['Acme Logistics', 'Logistics', 'acme-logistics.test'],
    ['Umbrella Health', 'Healthcare', 'umbrella.test'],
    ['Stark Industries', 'Manufacturing', 'stark.test'],
    ['Wayne Enterprises', 'Finance', 'wayne.test'],
  ]) accounts.push(await call('/api/v1/accounts', { name, industry, domain, website: `https://${domain}` }));

  const contacts = [];
  for (const [first, last, title, i] of [
    ['Lena', 'Fischer', 'Head of Operations', 0],
    ['Omar', 'Haddad', 'CTO', 1],
    ['Priya', 'Nair', 'Procurement lead', 2],
    ['Tom', 'Becker', 'CFO', 3],
  ] as const) contacts.push(await call('/api/v1/contacts', { first_name: first, last_name: last, job_title: title, email: `${first.toLowerCase()}@example.test`, account_id: accounts[i].id, tags: i % 2 ? ['decision-maker'] : ['champion'] }));

  const deals = [];
  for (const [name, stage, value, i] of [
    ['Fleet tracking rollout', 'prospecting', 18000, 0],
    ['Patient portal', 'qualification', 42000, 1],
    ['Factory dashboard', 'proposal', 65000, 2],
    ['Treasury reporting', 'negotiation', 30000, 3],
    ['Warehouse audit', 'won', 12000, 0],
    ['Clinic scheduling', 'lost', 9000, 1],
  ] as const) deals.push(await call<{ id: string; name: string }>('/api/v1/deals', { name, stage, value, account_id: accounts[i].id }));

  const tasks: Array<{ id: string }> = [];
  for (const [title, priority, status, i] of [
    ['Prepare the proposal deck', 'high', 'in_progress', 2],
    ['Call Omar about scope', 'medium', 'todo', 1],
    ['Review the contract draft', 'urgent', 'todo', 3],
    ['Send the kickoff notes', 'low', 'done', 0],
  ] as const) tasks.push(await call('/api/v1/tasks', { title, priority, status, deal_id: deals[i].id, assigned_to: tokens.user.id, due_date: '2026-04-15' }));

  let n = 0;
  for (const [i, hours] of [[0, 3], [1, 5], [2, 8], [3, 2], [2, 4]] as const) {
    n += 1;
    const start = new Date(Date.now() - n * 86_400_000);
    await call('/api/v1/time-entries', { external_id: `seed-${tag}-${n}`, user_id: tokens.user.id, deal_id: deals[i].id, project_name: deals[i].name, start_time: start.toISOString(), end_time: new Date(start.getTime() + hours * 3_600_000).toISOString(), activity_type: 'app', productivity_score: 0.8, source: 'agent', billable: true });
  }
  // The review queue: entries no rule, id or project name maps to a deal.
  for (const [key, project, days, minutes] of [['unmapped', 'qzv kiosk sync', 2, 45], ['unmapped-2', 'xqj vendor call', 3, 30], ['unmapped-3', 'wpz backlog grooming', 4, 90]] as const) {
    const start = new Date(Date.now() - days * 86_400_000);
    await call('/api/v1/time-entries', { external_id: `seed-${tag}-${key}`, user_id: tokens.user.id, project_name: project, start_time: start.toISOString(), end_time: new Date(start.getTime() + minutes * 60_000).toISOString(), activity_type: 'app', productivity_score: 0.7, source: 'agent' });
  }
  await call('/api/v1/mapping-rules', { name: 'Factory dashboard work', priority: 10, project_name: 'factory', project_match: 'contains', deal_id: deals[2].id });
  await call('/api/v1/mapping-rules', { name: 'Portal tickets', priority: 20, tags: ['portal'], deal_id: deals[1].id, enabled: false });
  const integration = await call<{ id: string; signing_secret: string }>('/api/v1/integrations', { provider: 'productivity', name: 'Acme productivity agent' });
  // A platform edit older than the CRM's: the CRM keeps its title and the platform's is a sync conflict to review.
  await platformEvent(apiUrl, integration, { type: 'task.updated', data: { id: tasks[0].id, title: 'Prepare the proposal deck (v2)', updated_at: '2026-01-02T09:00:00Z' } });
  await call('/api/v1/rates', { hourly_rate: '140.00', currency: 'USD', valid_from: '2026-01-01' });
  await call('/api/v1/rates', { hourly_rate: '185.00', currency: 'USD', valid_from: '2026-01-01', account_id: accounts[2].id });
  await call('/api/v1/retention-policies/audit_logs', { keep_months: 24, action: 'delete' }, 'PUT');
  await call('/api/v1/exchange-rates', { base_currency: 'EUR', quote_currency: 'USD', rate: '1.0850', rate_date: '2026-01-01' });
  // Stark Industries' time of the last month, invoiced and issued (INV-<year>-0001), for the invoice pages.
  const day = (ago: number) => new Date(Date.now() - ago * 86_400_000).toISOString().slice(0, 10);
  const invoice = await call('/api/v1/invoices', { account_id: accounts[2].id, period_from: day(30), period_to: day(0), currency: 'USD', tax_rate_percent: '8', notes: 'Thank you for your business.' });
  await call(`/api/v1/invoices/${invoice.id}/issue`, {});
  // Acme Logistics' time of the same month, left as a draft (its issue, void and delete buttons).
  const draft = await call('/api/v1/invoices', { account_id: accounts[0].id, period_from: day(30), period_to: day(0), currency: 'USD' });
  // The margin card and cost rates table, a budget on the deal page, and a row in Approvals
  // (a week with no time, so the review queue's entries stay editable).
  await call('/api/v1/cost-rates', { hourly_cost: '60.00', currency: 'USD', valid_from: '2026-01-01', role: 'admin' });
  await call(`/api/v1/deals/${deals[2].id}`, { hours_budget: '40.00' }, 'PATCH');
  await call('/api/v1/timesheets/submit', { date: '2026-01-07' });
  return { ...tokens, records: { account: accounts[2].id, contact: contacts[2].id, deal: deals[2].id, issuedInvoice: invoice.id, draftInvoice: draft.id } };
}

/** A new, empty organization with Maya Patel as its admin (also the first-run dashboard's organization). */
export async function signUp(apiUrl: string, organization: string, email: string): Promise<Tokens> {
  const signup = await fetch(`${apiUrl}/api/v1/auth/signup`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ organization_name: organization, name: 'Maya Patel', email, password: 'correct horse battery staple' }),
  });
  if (signup.status !== 201) throw new Error(`signup failed: HTTP ${signup.status} ${await signup.text()}`);
  return (await signup.json()) as Tokens;
}

/** The session the web app keeps in localStorage ('clockwork.session') for these tokens. */
export const sessionOf = (t: Tokens): string => JSON.stringify({ access_token: t.access_token, refresh_token: t.refresh_token, user: t.user, organization: t.organization });

/** Sends an event as the productivity platform, signed with the integration's secret (Standard Webhooks); answers the api's reply (e.g. `{ status, result }`). */
export async function platformEvent<T = { status: string; result?: string }>(apiUrl: string, integration: { id: string; signing_secret: string }, event: unknown): Promise<T> {
  const id = `msg_seed_${Date.now().toString(36)}${randomBytes(4).toString('hex')}`;
  const timestamp = Math.floor(Date.now() / 1000).toString();
  const body = JSON.stringify(event);
  const key = Buffer.from(integration.signing_secret.replace(/^whsec_/, ''), 'base64');
  const signature = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
  const response = await fetch(`${apiUrl}/api/v1/webhooks/crm-event/${integration.id}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': `v1,${signature}` },
    body,
  });
  if (response.status !== 200) throw new Error(`platform event failed: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

import request from 'supertest';
import { DataSource } from 'typeorm';
import { DEMO_ACCOUNTS, DEMO_CONTACTS, DEMO_DEALS, DEMO_RATES, DEMO_RULES, DEMO_TASKS, demoInvoicePeriod } from '@clockwork/server-demo';
import { createApiApp } from '../support/api-app';
import { apiWithOrg } from '../support/api-with-org';
import { createAccount } from '../support/domains/accounts.domain';
import { signup, SignedUp, userWithRole } from '../support/org-fixture';
import { PRODUCTION_ENV } from '../support/production-env';
import { pagedList } from '../support/paged-list';

interface Entry {
  id: string;
  deal_id: string | null;
  account_id: string | null;
  start_time: string;
  duration_seconds: number;
  mapping_status: string;
}

describe('/demo-data: the sample data set', () => {
  const api = apiWithOrg('Demo Org');
  const http = () => request(api.app.getHttpServer());
  const as = (org: SignedUp) => ({ Authorization: `Bearer ${org.accessToken}` });
  /** Every row of a list, page after page, as the API hands them out. */
  const all = <T>(org: SignedUp, path: string) => pagedList<T>(() => api.app, path).all(org, 200);


  it('loads into an empty organization through the services: every record listed by the API, audited, with its events', async () => {
    expect((await http().get('/api/v1/demo-data').set(as(api.admin)).expect(200)).body).toEqual({ status: 'available' });
    const res = await http().post('/api/v1/demo-data').set(as(api.admin)).send({}).expect(200);
    expect(res.body.status).toBe('loaded');

    // What the API lists, counted independently of what the load says it made.
    const accounts = await all<{ id: string; name: string }>(api.admin, '/api/v1/accounts');
    const deals = await all<{ id: string; stage: string; account_id: string }>(api.admin, '/api/v1/deals');
    const entries = await all<Entry>(api.admin, '/api/v1/time-entries');
    const unmapped = await all<Entry>(api.admin, '/api/v1/time-entries/unmapped');
    const listed = {
      accounts: accounts.length,
      contacts: (await all(api.admin, '/api/v1/contacts')).length,
      deals: deals.length,
      tasks: (await all(api.admin, '/api/v1/tasks')).length,
      mapping_rules: (await all(api.admin, '/api/v1/mapping-rules')).length,
      rates: (await all(api.admin, '/api/v1/rates')).length,
      time_entries: entries.length,
      unmapped_time_entries: unmapped.length,
      invoices: (await all(api.admin, '/api/v1/invoices?status=issued')).length,
    };
    expect(res.body.created).toEqual(listed);
    expect(listed).toMatchObject({ accounts: DEMO_ACCOUNTS.length, contacts: DEMO_CONTACTS.length, deals: DEMO_DEALS.length, tasks: DEMO_TASKS.length, mapping_rules: DEMO_RULES.length, rates: DEMO_RATES.length, invoices: 1 });
    // Several weeks of entries, most mapped (rules, explicit deals), some waiting for review.
    expect(new Set(entries.map((e) => e.start_time.slice(0, 10))).size).toBeGreaterThanOrEqual(15);
    expect(listed.unmapped_time_entries).toBeGreaterThan(0);
    expect(listed.unmapped_time_entries).toBeLessThan(listed.time_entries / 4);
    // A pipeline: deals in several stages, won and lost included.
    expect(new Set(deals.map((d) => d.stage))).toEqual(new Set(['prospecting', 'qualification', 'proposal', 'negotiation', 'won', 'lost']));

    // The issued invoice bills Acme's mapped time of its period at Acme's rate (110), 19 % tax.
    const acme = accounts.find((a) => a.name === 'Acme Corporation')?.id as string;
    const period = demoInvoicePeriod(new Date());
    const acmeDeals = new Set(deals.filter((d) => d.account_id === acme).map((d) => d.id));
    const billed = entries.filter((e) => e.deal_id && acmeDeals.has(e.deal_id) && e.start_time.slice(0, 10) >= period.period_from && e.start_time.slice(0, 10) <= period.period_to);
    const hours = billed.reduce((sum, e) => sum + e.duration_seconds, 0) / 3600;
    const subtotal = hours * 110;
    const [invoice] = await all<{ id: string; status: string; subtotal: string; tax_amount: string; total: string; number: string }>(api.admin, '/api/v1/invoices');
    expect(invoice).toMatchObject({ status: 'issued', subtotal: subtotal.toFixed(2), tax_amount: (Math.round(subtotal * 19) / 100).toFixed(2), total: (subtotal + Math.round(subtotal * 19) / 100).toFixed(2) });
    expect(invoice.number).toMatch(/^INV-\d{4}-0001$/);

    // Audit rows by the calling admin for each record, as the services write them, and one summary row.
    const audit: { object_type: string; action: string; n: number }[] = await api.db.query(
      `SELECT object_type, action, count(*)::int AS n FROM audit_logs WHERE organization_id = $1 AND actor_id = $2 GROUP BY 1, 2`,
      [api.admin.organizationId, api.admin.userId],
    );
    const count = (object_type: string, action: string) => audit.find((r) => r.object_type === object_type && r.action === action)?.n ?? 0;
    expect(count('account', 'create')).toBe(DEMO_ACCOUNTS.length);
    expect(count('contact', 'create')).toBe(DEMO_CONTACTS.length);
    expect(count('deal', 'create')).toBe(DEMO_DEALS.length);
    expect(count('deal', 'close')).toBe(2);
    expect(count('time_entry', 'create')).toBe(listed.time_entries);
    expect(count('invoice', 'issue')).toBe(1);
    expect(count('demo_data', 'load')).toBe(1);
    // Their domain events are in the outbox.
    const events: { type: string; n: number }[] = await api.db.query(`SELECT type, count(*)::int AS n FROM outbox_events WHERE organization_id = $1 GROUP BY 1`, [api.admin.organizationId]);
    expect(events).toEqual(expect.arrayContaining([{ type: 'deal.created', n: DEMO_DEALS.length }, { type: 'invoice.issued', n: 1 }]));

    // The onboarding checklist ticks what the sample data covers (the platform connection is left to the admin).
    const onboarding = (await http().get('/api/v1/onboarding').set(as(api.admin)).expect(200)).body;
    expect(onboarding.steps.filter((s: { done: boolean }) => !s.done).map((s: { id: string }) => s.id)).toEqual(['connect_platform']);
  });

  it('adds nothing the second time and says it is already there', async () => {
    const before = (await api.db.query(`SELECT count(*)::int AS n FROM audit_logs WHERE organization_id = $1`, [api.admin.organizationId]))[0].n;
    const res = await http().post('/api/v1/demo-data').set(as(api.admin)).send({}).expect(200);
    expect(res.body).toEqual({ status: 'already_loaded', created: { accounts: 0, contacts: 0, deals: 0, tasks: 0, mapping_rules: 0, rates: 0, time_entries: 0, unmapped_time_entries: 0, invoices: 0 } });
    expect((await api.db.query(`SELECT count(*)::int AS n FROM audit_logs WHERE organization_id = $1`, [api.admin.organizationId]))[0].n).toBe(before);
    expect((await all(api.admin, '/api/v1/accounts')).length).toBe(DEMO_ACCOUNTS.length);
    expect((await http().get('/api/v1/demo-data').set(as(api.admin)).expect(200)).body).toEqual({ status: 'already_loaded' });
  });

  it('refuses an organization with records of its own (409 naming them), a body with fields (400), and other roles (403)', async () => {
    const busy = await signup(api.app, 'Busy Org');
    await createAccount(api.app, busy, { name: 'Our own customer' });
    expect((await http().get('/api/v1/demo-data').set(as(busy)).expect(200)).body).toEqual({ status: 'not_empty' });
    const conflict = await http().post('/api/v1/demo-data').set(as(busy)).send({}).expect(409);
    expect(conflict.body.message).toContain('accounts');
    expect((await all(busy, '/api/v1/accounts')).length).toBe(1);

    const fresh = await signup(api.app, 'Careful Org');
    const bad = await http().post('/api/v1/demo-data').set(as(fresh)).send({ size: 'large' }).expect(400);
    expect(JSON.stringify(bad.body)).toContain('size');
    const manager = await userWithRole(api.app, fresh.accessToken, 'manager');
    await http().post('/api/v1/demo-data').set('Authorization', `Bearer ${manager.token}`).send({}).expect(403);
    expect((await http().get('/api/v1/demo-data').set(as(fresh)).expect(200)).body).toEqual({ status: 'available' });
  });

  it('does not exist in production unless DEMO_DATA_ENABLED=true', async () => {
    const production = await createApiApp(PRODUCTION_ENV);
    try {
      const org = await signup(production, 'Production Org');
      const auth = { Authorization: `Bearer ${org.accessToken}` };
      await request(production.getHttpServer()).get('/api/v1/demo-data').set(auth).expect(404);
      await request(production.getHttpServer()).post('/api/v1/demo-data').set(auth).send({}).expect(404);
      expect((await production.get(DataSource).query(`SELECT count(*)::int AS n FROM accounts WHERE organization_id = $1`, [org.organizationId]))[0].n).toBe(0);
    } finally {
      await production.close();
    }
    const enabled = await createApiApp({ ...PRODUCTION_ENV, DEMO_DATA_ENABLED: 'true' });
    try {
      const org = await signup(enabled, 'Enabled Org');
      const res = await request(enabled.getHttpServer()).get('/api/v1/demo-data').set('Authorization', `Bearer ${org.accessToken}`).expect(200);
      expect(res.body).toEqual({ status: 'available' });
    } finally {
      await enabled.close();
    }
  });
});

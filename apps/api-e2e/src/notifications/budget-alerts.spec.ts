import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { DealBudgetAlertsService } from '@clockwork/server-deals';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApiApp } from '../support/api-app';
import { createDeal } from '../support/domains/deals.domain';
import { timeEntryBody } from '../support/domains/time-entries.domain';
import { signup, SignedUp, userWithRole } from '../support/org-fixture';
import { openPayloads } from '../support/sealed';
import { SmtpSink } from '@clockwork/testing-support';
import { createMigratedDatabase, dropDatabase } from '../support/test-database';
import { waitFor } from '../support/wait-for';
import { createWorkerApp } from '../support/worker-app';

const DAY = 86_400_000;
const today = () => new Date().toISOString().slice(0, 10);
const daysAgo = (n: number) => new Date(Date.parse(`${today()}T00:00:00Z`) - n * DAY).toISOString().slice(0, 10);

/**
 * Deal budgets: burn from the rollups (checked against the raw entries), alerts once per
 * threshold and period — in the app, by email and as `deal.budget_threshold` — however many
 * ingestion batches run at once (two workers handle their events) and however many checks race.
 */
describe('deal budgets and their alerts', () => {
  let app: INestApplication;
  let workers: INestApplicationContext[] = [];
  let db: DataSource;
  let smtp: SmtpSink;
  let databaseName: string | undefined;
  let org: SignedUp;
  let manager: { id: string; token: string; email: string };
  let owner: { id: string; token: string; email: string };
  let deal: string;
  let batchNo = 0;
  const http = () => request(app.getHttpServer());
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  /** One batch of `hours` one-hour entries on the deal over the 6 days before today (billable unless said); `recent`: in the hours before now. */
  const batch = (dealId: string, hours: number, billable = true, recent = false) => {
    const n = ++batchNo;
    return Array.from({ length: hours }, (_, i) => {
      const start = recent ? Date.now() - (i + 1) * 3600_000 - 60_000 : Date.parse(`${daysAgo(1 + (i % 6))}T00:00:00Z`) + (1 + (n % 10)) * 3600_000 + i * 60_000;
      return timeEntryBody({ external_id: `b${n}-${i}`, deal_id: dealId, user_id: owner.id, billable, start_time: new Date(start).toISOString(), end_time: new Date(start + 3600_000).toISOString(), duration_seconds: 3600 });
    });
  };
  const ingest = (entries: Record<string, unknown>[]) => http().post('/api/v1/time-entries/batch').set(as(org.accessToken)).send({ entries }).expect(200);
  const alerts = async (dealId: string): Promise<string[]> =>
    (await db.query(`SELECT kind || ':' || threshold AS a FROM deal_budget_alerts WHERE organization_id = $1 AND deal_id = $2 ORDER BY kind, threshold`, [org.organizationId, dealId])).map((r: { a: string }) => r.a);
  const events = async (dealId: string) =>
    openPayloads<{ payload: { kind: string; threshold: number; deal_id: string } }>(
      app,
      await db.query(`SELECT organization_id AS _org, id AS _id, payload FROM outbox_events WHERE organization_id = $1 AND aggregate_id = $2 AND type = 'deal.budget_threshold'`, [org.organizationId, dealId]),
    ).map((e) => e.payload);
  const notified = async (dealId: string) =>
    (await db.query(`SELECT user_id, data ->> 'kind' AS kind, data ->> 'threshold' AS threshold FROM notifications WHERE organization_id = $1 AND kind = 'deal.budget_threshold' AND data ->> 'deal_id' = $2`, [org.organizationId, dealId])) as Array<{ user_id: string; kind: string; threshold: string }>;
  /** Waits until the outbox has no unprocessed event left (every batch's handler has run). */
  const settled = () => waitFor('every event handled', async () => (await db.query(`SELECT count(*)::int AS n FROM outbox_events WHERE organization_id = $1 AND processed_at IS NULL`, [org.organizationId]))[0].n === 0, 30_000);

  beforeAll(async () => {
    smtp = await SmtpSink.start();
    const created = await createMigratedDatabase('ck_e2e_budgets');
    databaseName = created.name;
    const env = { DATABASE_URL: created.url, QUEUE_PREFIX: `${process.env.QUEUE_PREFIX}-budgets` };
    app = await createApiApp(env);
    const workerEnv = { ...env, OUTBOX_POLL_MS: '50', ALERTS_INTERVAL_SECONDS: '1', SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), SMTP_SECURE: 'false', SMTP_FROM: 'Clockwork <alerts@clockwork.test>' };
    workers = [await createWorkerApp(workerEnv), await createWorkerApp(workerEnv)];
    db = app.get(DataSource);
    org = await signup(app, 'Budget Org');
    manager = await userWithRole(app, org.accessToken, 'manager');
    owner = await userWithRole(app, org.accessToken, 'sales');
    await http().post('/api/v1/rates').set(as(org.accessToken)).send({ hourly_rate: '100.00', currency: 'USD', valid_from: '2020-01-01' }).expect(201);
    deal = await createDeal(app, org, { name: 'Budgeted build', owner_id: owner.id, currency: 'USD', hours_budget: '10', money_budget: 900, budget_period: 'life' });
  }, 60_000);
  afterAll(async () => {
    for (const w of workers) await w.close();
    await app?.close();
    await smtp?.stop();
    if (databaseName) await dropDatabase(databaseName);
  });

  it('stores the budget fields, validates them naming the field, and starts at zero burn', async () => {
    const got = await http().get(`/api/v1/deals/${deal}`).set(as(org.accessToken)).expect(200);
    expect(got.body).toMatchObject({ hours_budget: '10.00', money_budget: '900.00', budget_period: 'life' });
    for (const [body, field] of [[{ hours_budget: '0' }, 'hours_budget'], [{ money_budget: '-5' }, 'money_budget'], [{ budget_period: 'week' }, 'budget_period']] as const) {
      const bad = await http().patch(`/api/v1/deals/${deal}`).set(as(org.accessToken)).send(body).expect(400);
      expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual([field]);
    }
    const budget = await http().get(`/api/v1/deals/${deal}/budget`).set(as(owner.token)).expect(200);
    expect(budget.body).toMatchObject({ deal_id: deal, period: 'life', thresholds: [50, 80, 100] });
    expect(budget.body.budgets).toEqual([
      { kind: 'hours', budget: '10.00', used: '0.00', currency: null, percent: 0, daily_burn: '0.00', projected_exhaustion: null, alerted: [] },
      { kind: 'money', budget: '900.00', used: '0.00', currency: 'USD', percent: 0, daily_burn: '0.00', projected_exhaustion: null, alerted: [] },
    ]);
  });

  it('fires 50 % and 80 % exactly once per budget under concurrent batches, in the app, by email and as events', async () => {
    // 4 batches at once: 9 hours, 8 of them billable (money 800 of 900 = 88.9 %, hours 90 %).
    await Promise.all([ingest(batch(deal, 3)), ingest(batch(deal, 2)), ingest(batch(deal, 3)), ingest(batch(deal, 1, false))]);
    await settled();
    await waitFor('four alerts', async () => (await alerts(deal)).length === 4);
    expect(await alerts(deal)).toEqual(['hours:50', 'hours:80', 'money:50', 'money:80']);
    expect((await events(deal)).map((e) => `${e.kind}:${e.threshold}`).sort()).toEqual(['hours:50', 'hours:80', 'money:50', 'money:80']);
    const notes = await notified(deal);
    expect(notes.map((n) => `${n.user_id}:${n.kind}:${n.threshold}`).sort()).toEqual(
      [owner.id, manager.id].flatMap((u) => ['hours:50', 'hours:80', 'money:50', 'money:80'].map((a) => `${u}:${a}`)).sort(),
    );
    const subject = 'Budgeted build: 80% of the hours budget used';
    await waitFor('two emails of the 80 % hours alert', async () => smtp.messages.filter((m) => m.subject === subject).length === 2);
    expect(smtp.messages.filter((m) => m.subject === subject).flatMap(SmtpSink.recipients).sort()).toEqual([owner.email, manager.email].map((e) => e.toLowerCase()).sort());

    // Burn against the raw entries: hours and billable value computed here.
    const [raw] = await db.query(
      `SELECT sum(duration_seconds)::int AS seconds, coalesce(sum(duration_seconds) FILTER (WHERE billable), 0)::int AS billable FROM time_entries WHERE organization_id = $1 AND deal_id = $2`,
      [org.organizationId, deal],
    );
    expect(raw).toEqual({ seconds: 9 * 3600, billable: 8 * 3600 });
    const budget = await http().get(`/api/v1/deals/${deal}/budget`).set(as(org.accessToken)).expect(200);
    const [hours, money] = budget.body.budgets;
    expect(hours).toMatchObject({ used: '9.00', percent: 90, alerted: [50, 80] });
    expect(money).toMatchObject({ used: '800.00', percent: 88.9, alerted: [50, 80] });
    // 9 h in the last 14 days: 0.64 h a day; the 1 h left runs out in ceil(1 × 14 / 9) = 2 days.
    expect(hours.daily_burn).toBe('0.64');
    expect(hours.projected_exhaustion).toBe(daysAgo(-2));
    expect(money.projected_exhaustion).toBe(daysAgo(-Math.ceil((100 * 14) / 800)));
  });

  it('fires 100 % once more batches cross it, and never again on later batches', async () => {
    await Promise.all([ingest(batch(deal, 1)), ingest(batch(deal, 1)), ingest(batch(deal, 1))]);
    await settled();
    await waitFor('six alerts', async () => (await alerts(deal)).length === 6);
    await Promise.all([ingest(batch(deal, 1)), ingest(batch(deal, 1))]);
    await settled();
    expect(await alerts(deal)).toEqual(['hours:50', 'hours:80', 'hours:100', 'money:50', 'money:80', 'money:100']);
    expect(await events(deal)).toHaveLength(6);
    expect(await notified(deal)).toHaveLength(12);
    const budget = await http().get(`/api/v1/deals/${deal}/budget`).set(as(org.accessToken)).expect(200);
    expect(budget.body.budgets[0]).toMatchObject({ used: '14.00', percent: 140, projected_exhaustion: null, alerted: [50, 80, 100] });
  });

  it('fires each threshold once when many checks race for the same deal', async () => {
    const racing = await createDeal(app, org, { name: 'Raced', owner_id: owner.id, hours_budget: '4', budget_period: 'month' });
    await ingest(batch(racing, 5, true, true));
    await settled();
    await db.query(`DELETE FROM deal_budget_alerts WHERE organization_id = $1 AND deal_id = $2`, [org.organizationId, racing]);
    const service = workers[0].get(DealBudgetAlertsService);
    const fired = await Promise.all(Array.from({ length: 8 }, () => db.transaction((m) => service.check(m, org.organizationId, [racing]))));
    expect(fired.reduce((a, b) => a + b, 0)).toBe(3);
    expect(await alerts(racing)).toEqual(['hours:50', 'hours:80', 'hours:100']);
    const periods = await db.query(`SELECT DISTINCT period FROM deal_budget_alerts WHERE organization_id = $1 AND deal_id = $2`, [org.organizationId, racing]);
    expect(periods).toEqual([{ period: today().slice(0, 7) }]);
  });

  it('lists budgets at risk, and keeps the thresholds an admin setting', async () => {
    const list = await http().get('/api/v1/deals/budgets').set(as(owner.token)).expect(200);
    expect(list.body.data.map((d: { deal_name: string }) => d.deal_name)).toEqual(['Budgeted build', 'Raced']);
    await http().put('/api/v1/budget-thresholds').set(as(manager.token)).send({ thresholds: [90] }).expect(403);
    const bad = await http().put('/api/v1/budget-thresholds').set(as(org.accessToken)).send({ thresholds: [80, 50] }).expect(400);
    expect(bad.body.details[0].field).toBe('thresholds');
    expect((await http().put('/api/v1/budget-thresholds').set(as(org.accessToken)).send({ thresholds: [25, 150] }).expect(200)).body).toEqual({ thresholds: [25, 150] });
    expect((await http().get('/api/v1/budget-thresholds').set(as(owner.token)).expect(200)).body).toEqual({ thresholds: [25, 150] });
  });
});

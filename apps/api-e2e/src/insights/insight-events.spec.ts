import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { signup, SignedUp } from '../support/org-fixture';
import { IsolatedStack, startIsolatedStack } from '../support/isolated-stack';
import { waitFor } from '../support/wait-for';

const DAY = 86_400_000;

/**
 * `deal.health_changed` and `account.churn_risk_changed` from the worker's scoring after an
 * on-demand training (the same job runs nightly): emitted once per change of a deal's signal set
 * or an account's risk band, not on every run, with the last value stored between runs.
 */
describe('insights: health and churn events', () => {
  let stack: IsolatedStack;
  let org: SignedUp;
  const ids = { idle: randomUUID(), busy: randomUUID(), quiet: randomUUID(), active: randomUUID(), revived: randomUUID() };
  let runs = 0;

  const entry = (dealId: string, start: Date, seconds = 3600) =>
    stack.db.query(
      `INSERT INTO time_entries (organization_id, id, employee_id, deal_id, start_time, end_time, duration_seconds, activity_type, productivity_score, source, mapping_status)
       VALUES ($1, gen_random_uuid(), 'emp-1', $2, $3, $3::timestamptz + make_interval(secs => $4), $4, 'manual', 0.5, 'manual', 'mapped')`,
      [org.organizationId, dealId, start.toISOString(), seconds],
    );
  const deal = (id: string, accountId: string, stage: string, created: Date) =>
    stack.db.query(`INSERT INTO deals (organization_id, id, name, account_id, stage, value, currency, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, 5000, 'USD', $6, $6)`, [
      org.organizationId,
      id,
      `Deal ${id.slice(0, 4)}`,
      accountId,
      stage,
      created.toISOString(),
    ]);
  /** Queues a training through the API and waits for its scoring's audit row. */
  const run = async () => {
    await request(stack.app.getHttpServer()).post('/api/v1/insights/win-model/train').set('Authorization', `Bearer ${org.accessToken}`).send({}).expect(202);
    runs++;
    await waitFor(`scoring run ${runs}`, async () => {
      const [row] = await stack.db.query(`SELECT count(*)::int AS n FROM audit_logs WHERE organization_id = $1 AND action = 'score' AND object_type = 'insights'`, [org.organizationId]);
      return row.n >= runs ? true : null;
    });
  };
  const events = async (): Promise<{ type: string; aggregate_id: string }[]> =>
    stack.db.query(`SELECT type, aggregate_id FROM outbox_events WHERE organization_id = $1 AND type IN ('deal.health_changed', 'account.churn_risk_changed') ORDER BY id`, [org.organizationId]);

  beforeAll(async () => {
    stack = await startIsolatedStack('insight_events', { OUTBOX_POLL_MS: '50' });
    org = await signup(stack.app, 'Insight events');
    const now = Date.now();
    const old = new Date(now - 200 * DAY);
    await stack.db.query(`INSERT INTO accounts (organization_id, id, name, created_at) VALUES ($1, $2, 'Quiet Co', $3), ($1, $4, 'Active Co', $3)`, [org.organizationId, ids.quiet, old.toISOString(), ids.active]);
    // Negotiation, last hours 20 days ago: idle. Negotiation with hours yesterday: healthy.
    await deal(ids.idle, ids.active, 'negotiation', new Date(now - 60 * DAY));
    await deal(ids.busy, ids.active, 'negotiation', new Date(now - 60 * DAY));
    await entry(ids.idle, new Date(now - 20 * DAY));
    await entry(ids.busy, new Date(now - DAY));
  }, 180_000);
  afterAll(() => stack?.close());

  it('emits one event per deal with signals and per account above low on the first run', async () => {
    await run();
    expect(await events()).toEqual(
      expect.arrayContaining([
        { type: 'deal.health_changed', aggregate_id: ids.idle },
        { type: 'account.churn_risk_changed', aggregate_id: ids.quiet },
      ]),
    );
    expect(await events()).toHaveLength(2);
    const [state] = await stack.db.query(`SELECT codes FROM deal_health_states WHERE organization_id = $1 AND deal_id = $2`, [org.organizationId, ids.idle]);
    expect(state.codes).toEqual(['idle_late_stage']);
  });

  it('emits nothing on a run where nothing changed', async () => {
    await run();
    expect(await events()).toHaveLength(2);
  });

  it('emits once for the deal whose signals changed and the account whose band moved', async () => {
    const now = Date.now();
    await entry(ids.idle, new Date(now - 3600_000));
    await deal(ids.revived, ids.quiet, 'proposal', new Date(now - 2 * DAY));
    await entry(ids.revived, new Date(now - 7200_000));
    await run();
    const after = await events();
    expect(after.slice(2).sort((a, b) => a.type.localeCompare(b.type))).toEqual([
      { type: 'account.churn_risk_changed', aggregate_id: ids.quiet },
      { type: 'deal.health_changed', aggregate_id: ids.idle },
    ]);
    const [band] = await stack.db.query(`SELECT level FROM account_churn_states WHERE organization_id = $1 AND account_id = $2`, [org.organizationId, ids.quiet]);
    expect(band.level).toBe('low');
    await run();
    expect(await events()).toHaveLength(4);
  });
});

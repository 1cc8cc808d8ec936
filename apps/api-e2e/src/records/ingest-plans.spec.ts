import request from 'supertest';
import { GENERIC_PLANS_MAX_ENTRIES, TimeEntriesRepository } from '@clockwork/server-time-entries';
import { apiWithOrg } from '../support/api-with-org';
import { createDeal } from '../support/domains/deals.domain';
import { timeEntryBody } from '../support/domains/time-entries.domain';

/**
 * Ingestion's prepared statements (its two, and the insert of the sealed events) run on generic
 * plans (planned once per connection), not planned again at every call, when an ingestion holds
 * few entries; a large batch keeps custom plans. The setting that asks for generic plans stays
 * inside ingestion. The api runs on one pooled connection, so the spec reads the statements the
 * requests prepared there.
 */
describe('the plans of the ingest statements', () => {
  const api = apiWithOrg('Plans Org', { DATABASE_POOL_SIZE: '1' });
  const http = () => request(api.app.getHttpServer());
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const plans = async () =>
    Object.fromEntries(
      ((await api.db.query(`SELECT name, generic_plans, custom_plans FROM pg_prepared_statements WHERE name LIKE 'time_entries_%' OR name = 'outbox_events_insert_sealed' ORDER BY name`)) as Array<{ name: string; generic_plans: string; custom_plans: string }>).map((r) => [
        r.name,
        { generic: Number(r.generic_plans), custom: Number(r.custom_plans) },
      ]),
    );
  const mode = async (m = api.db.manager) => ((await m.query(`SELECT current_setting('plan_cache_mode') AS mode`)) as Array<{ mode: string }>)[0].mode;

  it('plans each statement generically, whatever the values, and leaves the session on auto', async () => {
    const deal = await createDeal(api.app, api.admin, { name: 'Plans rollout' });
    const before = await plans();
    const calls = 8; // more than the 5 custom plans PostgreSQL tries before it may choose a generic one
    for (let i = 0; i < calls; i++) {
      const body = timeEntryBody({ external_id: `plans-${i}`, ...(i % 2 ? { deal_id: deal } : { project_name: 'Plans rollout' }) });
      const res = await http().post('/api/v1/time-entries').set(as(api.admin.accessToken)).send(body).expect(201);
      // every other entry reaches the deal through the fuzzy name match, which plans its own query with `auto`
      expect(res.body).toMatchObject({ deal_id: deal, mapping_rule: i % 2 ? 'explicit_deal' : 'fuzzy_project' });
    }
    const after = await plans();
    for (const name of ['time_entries_lock_for_ingest', 'time_entries_ingest_entity', 'outbox_events_insert_sealed']) {
      expect(after[name].custom - (before[name]?.custom ?? 0)).toBe(0);
      expect(after[name].generic - (before[name]?.generic ?? 0)).toBe(calls);
    }
    expect(await mode()).toBe('auto');
  });

  it('leaves a large batch to custom plans, which see its arrays’ sizes', async () => {
    const before = await plans();
    const entries = Array.from({ length: GENERIC_PLANS_MAX_ENTRIES + 1 }, (_, i) => timeEntryBody({ external_id: `plans-batch-${i}` }));
    const res = await http().post('/api/v1/time-entries/batch').set(as(api.admin.accessToken)).send({ entries }).expect(200);
    expect(res.body.results.filter((r: { status: string }) => r.status === 'created')).toHaveLength(entries.length);
    const after = await plans();
    for (const name of ['time_entries_lock_for_ingest', 'time_entries_ingest_ref']) {
      expect({ name, custom: after[name].custom - (before[name]?.custom ?? 0), generic: after[name].generic - (before[name]?.generic ?? 0) }).toEqual({ name, custom: 1, generic: 0 });
    }
    // and a batch of the bound itself still plans generically
    const small = Array.from({ length: GENERIC_PLANS_MAX_ENTRIES }, (_, i) => timeEntryBody({ external_id: `plans-small-${i}` }));
    await http().post('/api/v1/time-entries/batch').set(as(api.admin.accessToken)).send({ entries: small }).expect(200);
    const last = await plans();
    expect(last['time_entries_ingest_ref'].generic - after['time_entries_ingest_ref'].generic).toBe(1);
  });

  it('puts the setting back inside a caller’s transaction, and keeps it to the end of its own', async () => {
    const entries = api.app.get(TimeEntriesRepository, { strict: false });
    await api.db.transaction(async (m) => {
      await m.query(`SET LOCAL plan_cache_mode = force_custom_plan`);
      const inside = await entries.withGenericPlans(m, false, () => mode(m));
      expect([inside, await mode(m)]).toEqual(['force_generic_plan', 'force_custom_plan']);
    });
    await api.db.transaction(async (m) => {
      await entries.withGenericPlans(m, true, async () => undefined);
      expect(await mode(m)).toBe('force_generic_plan');
    });
    expect(await mode()).toBe('auto');
  });
});

import request from 'supertest';
import { createDeal } from '../support/domains/deals.domain';
import { createPipeline, SMALL_STAGES, type PipelineBody } from '../support/domains/pipelines.domain';
import { signup, userWithRole } from '../support/org-fixture';
import { openPayloads } from '../support/sealed';
import { apiWithOrg } from '../support/api-with-org';

/** Pipelines over the real API (docs/pipelines.md): CRUD, stage edits, deals across pipelines, reports. */
describe('pipelines', () => {
  const api = apiWithOrg('Pipelines Org');
  let manager: { id: string; token: string };
  let sales: { id: string; token: string };
  const http = () => request(api.app.getHttpServer());
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const fieldsOf = (body: { details?: { field: string }[] }) => (body.details ?? []).map((d) => d.field).sort();
  const list = async (token = api.admin.accessToken): Promise<PipelineBody[]> => (await http().get('/api/v1/pipelines').set(as(token)).expect(200)).body.data;
  const deal = async (id: string) => (await http().get(`/api/v1/deals/${id}`).set(as(api.admin.accessToken)).expect(200)).body;
  /** Everything a failed write must leave alone. */
  const snapshot = async () =>
    JSON.stringify(
      await api.db.query(
        `SELECT (SELECT json_agg(p ORDER BY p.id) FROM pipelines p WHERE organization_id = $1) AS pipelines,
                (SELECT json_agg(s ORDER BY s.id) FROM pipeline_stages s WHERE organization_id = $1) AS stages,
                (SELECT json_agg(d ORDER BY d.id) FROM deals d WHERE organization_id = $1) AS deals,
                (SELECT count(*) FROM deal_stage_history WHERE organization_id = $1) AS history,
                (SELECT count(*) FROM audit_logs WHERE organization_id = $1) AS audit,
                (SELECT count(*) FROM outbox_events WHERE organization_id = $1) AS events`,
        [api.admin.organizationId],
      ),
    );

  beforeAll(async () => {
    manager = await userWithRole(api.app, api.admin.accessToken, 'manager');
    sales = await userWithRole(api.app, api.admin.accessToken, 'sales');
  });

  it('gives a new organization its default pipeline with the stages deals always had', async () => {
    const [sales] = await list();
    expect(sales).toMatchObject({ name: 'Sales', is_default: true });
    expect(sales.stages.map((s) => [s.key, s.position, s.probability, s.kind])).toEqual([
      ['prospecting', 0, 0.1, 'open'],
      ['qualification', 1, 0.25, 'open'],
      ['proposal', 2, 0.5, 'open'],
      ['negotiation', 3, 0.75, 'open'],
      ['won', 4, 1, 'won'],
      ['lost', 5, 0, 'lost'],
    ]);
    // A deal created as before lands there, in prospecting; the old stage names still work.
    const id = await createDeal(api.app, api.admin);
    expect(await deal(id)).toMatchObject({ pipeline_id: sales.id, stage: 'prospecting' });
    const won = await http().post('/api/v1/deals').set(as(api.admin.accessToken)).send({ name: 'Closed at once', stage: 'won' }).expect(201);
    expect(won.body).toMatchObject({ pipeline_id: sales.id, stage: 'won' });
    expect(won.body.closed_at).not.toBeNull();
  });

  it('lets admins create, rename and make default a pipeline; everyone who reads deals reads it; others may not write', async () => {
    const p = await createPipeline(api.app, api.admin, { name: 'Renewals', stages: [{ name: 'Due soon', probability: 0.3, kind: 'open' }, ...SMALL_STAGES] });
    expect(p.stages.map((s) => s.key)).toEqual(['due_soon', 'intro', 'signed', 'dropped']);
    expect((await list(sales.token)).map((x) => x.name)).toContain('Renewals');
    await http().post('/api/v1/pipelines').set(as(manager.token)).send({ name: 'Nope', stages: SMALL_STAGES }).expect(403);
    await http().patch(`/api/v1/pipelines/${p.id}`).set(as(sales.token)).send({ name: 'Nope' }).expect(403);
    await http().post('/api/v1/pipelines').set(as(api.admin.accessToken)).send({ name: 'renewals', stages: SMALL_STAGES }).expect(409);

    const renamed = await http().patch(`/api/v1/pipelines/${p.id}`).set(as(api.admin.accessToken)).set('If-Match', String(p.version)).send({ name: 'Renewals 2027' }).expect(200);
    expect(renamed.body).toMatchObject({ name: 'Renewals 2027', version: p.version + 1 });
    await http().patch(`/api/v1/pipelines/${p.id}`).set(as(api.admin.accessToken)).set('If-Match', String(p.version)).send({ name: 'Stale' }).expect(412);

    // Making it the default moves the flag; a deal without pipeline_id then goes there, in its first open stage.
    await http().patch(`/api/v1/pipelines/${p.id}`).set(as(api.admin.accessToken)).send({ is_default: true }).expect(200);
    const defaults = (await list()).filter((x) => x.is_default).map((x) => x.id);
    expect(defaults).toEqual([p.id]);
    expect(await deal(await createDeal(api.app, api.admin, { name: 'Renewal deal' }))).toMatchObject({ pipeline_id: p.id, stage: 'due_soon' });
    await http().patch(`/api/v1/pipelines/${p.id}`).set(as(api.admin.accessToken)).send({ is_default: false }).expect(400);
    const salesPipeline = (await list()).find((x) => x.name === 'Sales') as PipelineBody;
    await http().patch(`/api/v1/pipelines/${salesPipeline.id}`).set(as(api.admin.accessToken)).send({ is_default: true }).expect(200);
    // The default pipeline cannot be deleted; one holding deals neither (409 naming the count).
    await http().delete(`/api/v1/pipelines/${salesPipeline.id}`).set(as(api.admin.accessToken)).expect(409);
    const full = await http().delete(`/api/v1/pipelines/${p.id}`).set(as(api.admin.accessToken)).expect(409);
    expect(full.body.message).toMatch(/holds 1 deal/);
  });

  it('refuses bad pipelines with a 400 naming the field, writing nothing', async () => {
    const before = await snapshot();
    const post = (body: object) => http().post('/api/v1/pipelines').set(as(api.admin.accessToken)).send(body).expect(400);
    expect(fieldsOf((await post({ name: '', stages: SMALL_STAGES })).body)).toEqual(['name']);
    expect(fieldsOf((await post({ name: 'X', stages: SMALL_STAGES.slice(0, 2).concat({ ...SMALL_STAGES[0], key: 'second' }) })).body)).toEqual(['stages']);
    expect(fieldsOf((await post({ name: 'X', stages: [{ ...SMALL_STAGES[0], probability: 1.5 }, ...SMALL_STAGES.slice(1)] })).body)[0]).toMatch(/probability/);
    expect(fieldsOf((await post({ name: 'X', stages: [{ ...SMALL_STAGES[0], kind: 'maybe' }, ...SMALL_STAGES.slice(1)] })).body)[0]).toMatch(/kind/);
    expect(fieldsOf((await post({ name: 'X', stages: [...SMALL_STAGES, { ...SMALL_STAGES[0] }] })).body)).toEqual(['stages']);
    expect(fieldsOf((await post({ name: 'X', stages: Array.from({ length: 31 }, (_, i) => ({ name: `S${i}`, probability: 0, kind: i === 0 ? 'won' : i === 1 ? 'lost' : 'open' })) })).body)).toEqual(['stages']);
    expect(await snapshot()).toBe(before);
  });

  it('adds, renames, reorders and deletes stages; a stage with deals goes only with move_to', async () => {
    const p = await createPipeline(api.app, api.admin, { name: 'Partners' });
    const added = await http().post(`/api/v1/pipelines/${p.id}/stages`).set(as(api.admin.accessToken)).send({ name: 'Pilot', probability: 0.6, kind: 'open' }).expect(201);
    expect(added.body.stages.map((s: { key: string }) => s.key)).toEqual(['intro', 'pilot', 'signed', 'dropped']);
    const first = await http().post(`/api/v1/pipelines/${p.id}/stages`).set(as(api.admin.accessToken)).send({ key: 'lead', name: 'Lead', probability: 0.05, kind: 'open', position: 0 }).expect(201);
    expect(first.body.stages.map((s: { key: string; position: number }) => `${s.position}:${s.key}`)).toEqual(['0:lead', '1:intro', '2:pilot', '3:signed', '4:dropped']);

    const patched = await http().patch(`/api/v1/pipelines/${p.id}/stages/pilot`).set(as(api.admin.accessToken)).send({ name: 'Paid pilot', probability: 0.65 }).expect(200);
    expect(patched.body.stages[2]).toMatchObject({ key: 'pilot', name: 'Paid pilot', probability: 0.65 });
    await http().patch(`/api/v1/pipelines/${p.id}/stages/nope`).set(as(api.admin.accessToken)).send({ name: 'X' }).expect(404);

    const order = await http().put(`/api/v1/pipelines/${p.id}/stage-order`).set(as(api.admin.accessToken)).send({ keys: ['intro', 'lead', 'pilot', 'signed', 'dropped'] }).expect(200);
    expect(order.body.stages.map((s: { key: string }) => s.key)).toEqual(['intro', 'lead', 'pilot', 'signed', 'dropped']);
    const before = await snapshot();
    expect(fieldsOf((await http().put(`/api/v1/pipelines/${p.id}/stage-order`).set(as(api.admin.accessToken)).send({ keys: ['intro', 'lead'] }).expect(400)).body)).toEqual(['keys']);
    expect(await snapshot()).toBe(before);

    // Two deals in pilot: deleting it needs move_to, of the same kind.
    const a = await createDeal(api.app, api.admin, { name: 'Pilot A', pipeline_id: p.id, stage: 'pilot' });
    const b = await createDeal(api.app, api.admin, { name: 'Pilot B', pipeline_id: p.id, stage: 'pilot' });
    const before2 = await snapshot();
    const refused = await http().delete(`/api/v1/pipelines/${p.id}/stages/pilot`).set(as(api.admin.accessToken)).expect(409);
    expect(refused.body.message).toMatch(/^2 deal\(s\) are in the stage pilot/);
    expect(fieldsOf((await http().delete(`/api/v1/pipelines/${p.id}/stages/pilot?move_to=signed`).set(as(api.admin.accessToken)).expect(400)).body)).toEqual(['move_to']);
    expect(fieldsOf((await http().delete(`/api/v1/pipelines/${p.id}/stages/pilot?move_to=proposal`).set(as(api.admin.accessToken)).expect(400)).body)).toEqual(['move_to']);
    expect(await snapshot()).toBe(before2);
    const moved = await http().delete(`/api/v1/pipelines/${p.id}/stages/pilot?move_to=lead`).set(as(api.admin.accessToken)).expect(200);
    expect(moved.body.stages.map((s: { key: string; position: number; deal_count: number }) => `${s.position}:${s.key}:${s.deal_count}`)).toEqual(['0:intro:0', '1:lead:2', '2:signed:0', '3:dropped:0']);
    for (const id of [a, b]) {
      expect(await deal(id)).toMatchObject({ stage: 'lead', version: 2 });
      const history = (await http().get(`/api/v1/deals/${id}/stage-history`).set(as(api.admin.accessToken)).expect(200)).body.data;
      expect(history.map((h: { from_stage: string | null; to_stage: string }) => `${h.from_stage}>${h.to_stage}`)).toEqual(['null>pilot', 'pilot>lead']);
    }
    // The last stage of a kind stays; a kind changes only while the stage is empty.
    await http().delete(`/api/v1/pipelines/${p.id}/stages/signed`).set(as(api.admin.accessToken)).expect(409);
    await http().patch(`/api/v1/pipelines/${p.id}/stages/lead`).set(as(api.admin.accessToken)).send({ kind: 'won' }).expect(409);
    expect(fieldsOf((await http().patch(`/api/v1/pipelines/${p.id}/stages/dropped`).set(as(api.admin.accessToken)).send({ kind: 'open' }).expect(400)).body)).toEqual(['kind']);
    await http().delete(`/api/v1/pipelines/${p.id}/stages/intro`).set(as(api.admin.accessToken)).expect(200);
  });

  it('moves deals between pipelines: a stage of the target, or one mapped by kind and rank; a stage of another pipeline is a 400 naming stage', async () => {
    const [salesPipeline] = await list();
    const p = await createPipeline(api.app, api.admin, { name: 'Short', stages: [{ key: 'talk', name: 'Talk', probability: 0.3, kind: 'open' }, { key: 'offer', name: 'Offer', probability: 0.7, kind: 'open' }, ...SMALL_STAGES.slice(1)] });
    const id = await createDeal(api.app, api.admin, { name: 'Mover', stage: 'negotiation', owner_id: sales.id });

    // A stage of the default pipeline in another pipeline: 400 naming stage, nothing written (on create and on update).
    const before = await snapshot();
    const bad = await http().patch(`/api/v1/deals/${id}`).set(as(api.admin.accessToken)).send({ pipeline_id: p.id, stage: 'proposal' }).expect(400);
    expect(fieldsOf(bad.body)).toEqual(['stage']);
    expect(fieldsOf((await http().post('/api/v1/deals').set(as(api.admin.accessToken)).send({ name: 'X', pipeline_id: p.id, stage: 'won' }).expect(400)).body)).toEqual(['stage']);
    expect(fieldsOf((await http().post('/api/v1/deals').set(as(api.admin.accessToken)).send({ name: 'X', stage: 'offer' }).expect(400)).body)).toEqual(['stage']);
    expect(fieldsOf((await http().post('/api/v1/deals').set(as(api.admin.accessToken)).send({ name: 'X', pipeline_id: '0190a000-0000-7000-8000-000000000000' }).expect(400)).body)).toEqual(['pipeline_id']);
    expect(fieldsOf((await http().patch(`/api/v1/deals/${id}`).set(as(api.admin.accessToken)).send({ pipeline_id: 'nope' }).expect(400)).body)).toEqual(['pipeline_id']);
    expect(await snapshot()).toBe(before);

    // Without a stage: negotiation is the 4th open stage, Short has 2 → its last open stage, offer.
    const moved = await http().patch(`/api/v1/deals/${id}`).set(as(sales.token)).send({ pipeline_id: p.id }).expect(200);
    expect(moved.body).toMatchObject({ pipeline_id: p.id, stage: 'offer', closed_at: null });
    const [event] = openPayloads(api.app, await api.db.query(`SELECT organization_id, id, payload FROM outbox_events WHERE organization_id = $1 AND type = 'deal.stage_changed' ORDER BY created_at DESC, id DESC LIMIT 1`, [api.admin.organizationId]));
    expect(event.payload).toMatchObject({ id, from_stage: 'negotiation', to_stage: 'offer', from_pipeline_id: salesPipeline.id, pipeline_id: p.id });

    // Closing uses the pipeline's won stage; moving a won deal back keeps it won.
    const closed = await http().post(`/api/v1/deals/${id}/close`).set(as(api.admin.accessToken)).send({ outcome: 'won', reason: 'Signed' }).expect(200);
    expect(closed.body).toMatchObject({ stage: 'signed', close_reason: 'Signed' });
    const back = await http().patch(`/api/v1/deals/${id}`).set(as(api.admin.accessToken)).send({ pipeline_id: salesPipeline.id }).expect(200);
    expect(back.body).toMatchObject({ pipeline_id: salesPipeline.id, stage: 'won', closed_at: closed.body.closed_at, close_reason: 'Signed' });
    await http().post(`/api/v1/deals/${id}/close`).set(as(api.admin.accessToken)).send({ outcome: 'lost' }).expect(409);
    // With a stage of the target: taken as is.
    const explicit = await http().patch(`/api/v1/deals/${id}`).set(as(api.admin.accessToken)).send({ pipeline_id: p.id, stage: 'talk' }).expect(200);
    expect(explicit.body).toMatchObject({ pipeline_id: p.id, stage: 'talk', closed_at: null });
    const listed = await http().get(`/api/v1/deals?pipeline_id=${p.id}`).set(as(api.admin.accessToken)).expect(200);
    expect(listed.body.data.map((d: { id: string }) => d.id)).toEqual([id]);
  });

  it('computes the pipeline report per pipeline with each stage’s own probability and kind', async () => {
    const org = await signup(api.app, 'Pipeline Report Org');
    const auth = as(org.accessToken);
    const custom = await createPipeline(api.app, org, { name: 'Custom', stages: [{ key: 'a', name: 'A', probability: 0.35, kind: 'open' }, { key: 'yes', name: 'Yes', probability: 1, kind: 'won' }, { key: 'no', name: 'No', probability: 0, kind: 'lost' }] });
    const values = [['a', '100.10'], ['a', '200.00'], ['yes', '50.00'], ['no', '70.00'], ['no', '1.00']] as const;
    for (const [stage, value] of values) await http().post('/api/v1/deals').set(auth).send({ name: `C ${stage}`, pipeline_id: custom.id, stage, value }).expect(201);
    await http().post('/api/v1/deals').set(auth).send({ name: 'Default deal', stage: 'proposal', value: '1000.00' }).expect(201);

    const report = (await http().get(`/api/v1/reports/pipeline?pipeline_id=${custom.id}`).set(auth).expect(200)).body;
    // Hand-computed from the inputs: a holds 100.10 + 200.00 at 0.35; yes 50 at 1; no 71 at 0 (no win model: stage weights).
    expect(report.rows).toEqual([
      { pipeline_id: custom.id, stage: 'a', stage_name: 'A', currency: 'USD', count: 2, value: '300.10', probability: 0.35, weighted_value: (Math.round((30010 * 35) / 100) / 100).toFixed(2), weighting: 'stage' },
      { pipeline_id: custom.id, stage: 'yes', stage_name: 'Yes', currency: 'USD', count: 1, value: '50.00', probability: 1, weighted_value: '50.00', weighting: 'stage' },
      { pipeline_id: custom.id, stage: 'no', stage_name: 'No', currency: 'USD', count: 2, value: '71.00', probability: 0, weighted_value: '0.00', weighting: 'stage' },
    ]);
    expect(report.totals).toMatchObject({ count: 5, won: 1, lost: 2, win_rate: Math.round((1 / 3) * 10000) / 10000 });
    expect(report.filters.pipeline_id).toBe(custom.id);

    // Without the filter: both pipelines, the default first.
    const all = (await http().get('/api/v1/reports/pipeline').set(auth).expect(200)).body;
    expect(all.rows.map((r: { stage: string }) => r.stage)).toEqual(['proposal', 'a', 'yes', 'no']);
    expect(all.totals).toMatchObject({ count: 6, won: 1, lost: 2 });
  });

  it('backs raw inserts without a pipeline with the default pipeline', async () => {
    const [row] = await api.db.query(`INSERT INTO deals (organization_id, id, name, stage) VALUES ($1, gen_random_uuid(), 'Raw', 'qualification') RETURNING pipeline_id`, [api.admin.organizationId]);
    const defaultId = (await list()).find((p) => p.is_default)?.id;
    expect(row.pipeline_id).toBe(defaultId);
    await expect(api.db.query(`INSERT INTO deals (organization_id, id, name, stage) VALUES ($1, gen_random_uuid(), 'Raw', 'nope')`, [api.admin.organizationId])).rejects.toThrow(/deals_pipeline_stage_fk/);
  });
});

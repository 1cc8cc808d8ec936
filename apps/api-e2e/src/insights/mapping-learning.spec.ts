import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApiApp } from '../support/api-app';
import { timeEntryBody } from '../support/domains/time-entries.domain';
import { signup, SignedUp } from '../support/org-fixture';
// The synthetic review decisions, shared with the mapping-suggestions spec (tools/ is not an Nx project, hence the path).
// eslint-disable-next-line @nx/enforce-module-boundaries
import { generateReviewDecisions } from '../../../../tools/testing/synthetic-deals';

interface Precision {
  rule_id: string;
  mapped: number;
  stayed: number;
  reassigned: number;
  precision: number | null;
}

/**
 * Mapping that learns (docs/insights.md): each rule's precision against a raw-SQL count over the
 * entries it mapped at ingestion; suggested rules from review decisions, created through
 * POST /mapping-rules or dismissed; auto-apply only when on and only at or above the threshold,
 * audited as the system, and its undo; 400s naming the field; tenants never mix.
 */
describe('insights: mapping that learns', () => {
  let app: INestApplication;
  let db: DataSource;
  const http = () => request(app.getHttpServer());
  const as = (org: SignedUp) => ({ Authorization: `Bearer ${org.accessToken}` });
  const post = async (org: SignedUp, path: string, body: object): Promise<string> => (await http().post(`/api/v1/${path}`).set(as(org)).send(body).expect(201)).body.id;
  const entry = async (org: SignedUp, body: Record<string, unknown>) => (await http().post('/api/v1/time-entries').set(as(org)).send(timeEntryBody(body)).expect(201)).body;
  const assign = (org: SignedUp, id: string, dealId: string) => http().post(`/api/v1/time-entries/${id}/assign`).set(as(org)).send({ deal_id: dealId }).expect(200);
  const fields = (res: request.Response) => (res.body.details as { field: string }[]).map((d) => d.field).sort();
  const precisionOf = async (org: SignedUp): Promise<Precision[]> => (await http().get('/api/v1/insights/rule-precision').set(as(org)).expect(200)).body.data;

  beforeAll(async () => {
    app = await createApiApp();
    db = app.get(DataSource);
  }, 60_000);
  afterAll(() => app.close());

  it('gives each rule the share of the entries it mapped that stayed, equal to a raw-SQL count', async () => {
    const org = await signup(app, 'Precision');
    const other = await signup(app, 'Precision other');
    const apollo = await post(org, 'deals', { name: 'Apollo' });
    const zeus = await post(org, 'deals', { name: 'Zeus' });
    const r1 = await post(org, 'mapping-rules', { name: 'Apollo project', project_name: 'Apollo', deal_id: apollo });
    const r2 = await post(org, 'mapping-rules', { name: 'Zeus tag', tags: ['zeus'], deal_id: zeus });
    const unused = await post(org, 'mapping-rules', { name: 'Unused', project_name: 'Nothing', deal_id: zeus });
    const mappedBy: Record<string, string[]> = { [r1]: [], [r2]: [] };
    for (let i = 0; i < 10; i++) {
      const e = await entry(org, { project_name: 'Apollo' });
      mappedBy[String(e.mapping_rule).slice(5)]?.push(e.id);
    }
    for (let i = 0; i < 4; i++) {
      const e = await entry(org, { project_name: `Misc ${i}`, tags: ['zeus'] });
      mappedBy[String(e.mapping_rule).slice(5)]?.push(e.id);
    }
    expect(mappedBy[r1]).toHaveLength(10);
    // People move three of Apollo's entries to Zeus, and confirm one on Apollo.
    for (const id of mappedBy[r1].slice(0, 3)) await assign(org, id, zeus);
    await assign(org, mappedBy[r1][3], apollo);
    // Another tenant's rule and reassignment never show here.
    const foreignDeal = await post(other, 'deals', { name: 'Foreign' });
    const foreignRule = await post(other, 'mapping-rules', { name: 'Foreign', project_name: 'Apollo', deal_id: foreignDeal });
    await entry(other, { project_name: 'Apollo' });

    const [raw] = await db.query(
      `SELECT count(*)::int AS mapped, count(*) FILTER (WHERE deal_id = $2 AND task_id IS NULL)::int AS stayed,
              count(*) FILTER (WHERE mapping_rule = 'manual' AND deal_id IS DISTINCT FROM $2)::int AS reassigned
         FROM time_entries WHERE organization_id = $3 AND id = ANY($1::uuid[])`,
      [mappedBy[r1], apollo, org.organizationId],
    );
    const rows = await precisionOf(org);
    expect(rows.map((r) => r.rule_id).sort()).toEqual([r1, r2, unused].sort());
    const p1 = rows.find((r) => r.rule_id === r1) as Precision;
    expect(p1).toMatchObject({ mapped: raw.mapped, stayed: raw.stayed, reassigned: raw.reassigned });
    expect(raw).toEqual({ mapped: 10, stayed: 7, reassigned: 3 });
    expect(p1.precision).toBeCloseTo(raw.stayed / raw.mapped, 4);
    expect(rows.find((r) => r.rule_id === r2)).toMatchObject({ mapped: 4, stayed: 4, reassigned: 0, precision: 1 });
    expect(rows.find((r) => r.rule_id === unused)).toMatchObject({ mapped: 0, precision: null });
    expect((await precisionOf(other)).map((r) => r.rule_id)).toEqual([foreignRule]);
  });

  it('suggests a rule for a pattern people assigned the same way N times; creating it goes through POST /mapping-rules, dismissing hides it', async () => {
    const org = await signup(app, 'Suggested rules');
    const other = await signup(app, 'Suggested rules other');
    const design = await post(org, 'deals', { name: 'Design' });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await entry(org, { project_name: 'Brand sprint', tags: ['Design'], employee_id: 'emp-9', activity_type: 'website' })).id);
    for (const id of ids.slice(0, 4)) await assign(org, id, design);
    const list = async (who: SignedUp, n?: number) => (await http().get('/api/v1/insights/suggested-rules').query(n ? { min_decisions: n } : {}).set(as(who)).expect(200)).body;
    expect((await list(org)).data).toEqual([]); // 4 decisions < N = 5
    await assign(org, ids[4], design);
    const body = await list(org);
    expect(body.min_decisions).toBe(5);
    expect(body.data.map((s: { kind: string; value: string }) => `${s.kind}=${s.value}`).sort()).toEqual(['activity_type=website', 'employee_id=emp-9', 'project_name=brand sprint', 'tag=design']);
    const [raw] = await db.query(`SELECT count(*)::int AS n FROM time_entries WHERE organization_id = $1 AND mapping_rule = 'manual' AND deal_id = $2 AND 'Design' = ANY(tags)`, [org.organizationId, design]);
    const tag = body.data.find((s: { kind: string }) => s.kind === 'tag');
    expect(tag).toMatchObject({ deal_id: design, decisions: raw.n, pattern_decisions: raw.n, rule: { tags: ['design'], deal_id: design } });
    expect((await list(org, 6)).data).toEqual([]);
    expect((await list(other)).data).toEqual([]);

    const ruleId = await post(org, 'mapping-rules', tag.rule);
    const [audit] = await db.query(`SELECT count(*)::int AS n FROM audit_logs WHERE organization_id = $1 AND object_type = 'mapping_rule' AND object_id = $2 AND action = 'create'`, [org.organizationId, ruleId]);
    const [event] = await db.query(`SELECT count(*)::int AS n FROM outbox_events WHERE organization_id = $1 AND type = 'mapping_rule.created' AND aggregate_id = $2`, [org.organizationId, ruleId]);
    expect([audit.n, event.n]).toEqual([1, 1]);
    expect((await list(org)).data.map((s: { kind: string }) => s.kind)).not.toContain('tag');

    await http().post('/api/v1/insights/suggested-rules/dismiss').set(as(org)).send({ kind: 'project_name', value: 'Brand Sprint', deal_id: design }).expect(204);
    await http().post('/api/v1/insights/suggested-rules/dismiss').set(as(org)).send({ kind: 'project_name', value: 'brand sprint', deal_id: design }).expect(204);
    expect((await list(org)).data.map((s: { kind: string }) => s.kind).sort()).toEqual(['activity_type', 'employee_id']);
    const [dismissed] = await db.query(`SELECT count(*)::int AS n FROM audit_logs WHERE organization_id = $1 AND object_type = 'suggested_rule' AND action = 'dismiss'`, [org.organizationId]);
    expect(dismissed.n).toBe(1);
    // A deal of another organization cannot be dismissed here.
    await http().post('/api/v1/insights/suggested-rules/dismiss').set(as(other)).send({ kind: 'tag', value: 'design', deal_id: design }).expect(422);
  });

  it('answers bad input with a 400 naming the field, and writes nothing', async () => {
    const org = await signup(app, 'Learning validation');
    const settings = () => http().get('/api/v1/organization/settings').set(as(org)).expect(200);
    expect((await settings()).body).toMatchObject({ auto_apply_suggestions: false, confidence_threshold: 0.9 });
    const patch = (body: object) => http().patch('/api/v1/organization/settings').set(as(org)).send(body).expect(400);
    expect(fields(await patch({ confidence_threshold: 0.49 }))).toEqual(['confidence_threshold']);
    expect(fields(await patch({ confidence_threshold: 1.01 }))).toEqual(['confidence_threshold']);
    expect(fields(await patch({ confidence_threshold: 'high', auto_apply_suggestions: 'yes' }))).toEqual(['auto_apply_suggestions', 'confidence_threshold']);
    expect((await settings()).body).toMatchObject({ auto_apply_suggestions: false, confidence_threshold: 0.9 });
    expect(fields(await http().get('/api/v1/insights/suggested-rules?min_decisions=1').set(as(org)).expect(400))).toEqual(['min_decisions']);
    const bad = await http().post('/api/v1/insights/suggested-rules/dismiss').set(as(org)).send({ kind: 'colour', value: ' ', deal_id: 'x' }).expect(400);
    expect(fields(bad)).toEqual(['deal_id', 'kind', 'value']);
    const [rows] = await db.query(`SELECT count(*)::int AS n FROM suggested_rule_dismissals WHERE organization_id = $1`, [org.organizationId]);
    expect(rows.n).toBe(0);
    expect(fields(await http().post('/api/v1/insights/auto-apply').set(as(org)).send({ now: true }).expect(400))).toEqual(['now']);
    await http().post('/api/v1/insights/auto-applied/not-a-uuid/undo').set(as(org)).expect(400);
  });

  it('auto-applies suggestions only when on and only at or above the threshold, as the system, and undoes one', async () => {
    const org = await signup(app, 'Auto-apply');
    const other = await signup(app, 'Auto-apply other');
    const data = await generateReviewDecisions(db, org.organizationId, { deals: 8, decisions: 400, heldOut: 80, seed: 7 });
    const theirs = await generateReviewDecisions(db, other.organizationId, { deals: 8, decisions: 400, heldOut: 80, seed: 8, swap: true });
    const unmapped = async (who: SignedUp) => (await db.query(`SELECT count(*)::int AS n FROM time_entries WHERE organization_id = $1 AND mapping_status = 'unmapped'`, [who.organizationId]))[0].n;
    const run = async (who: SignedUp) => (await http().post('/api/v1/insights/auto-apply').set(as(who)).send({}).expect(200)).body;

    expect(await run(org)).toEqual({ enabled: false, confidence_threshold: 0.9, applied: 0 });
    expect(await unmapped(org)).toBe(80);

    const suggestions: { entry_id: string; deal_id: string | null; confidence: number | null }[] = (
      await http().get('/api/v1/insights/mapping-suggestions').query({ entry_ids: data.heldOut.map((e) => e.id).join(',') }).set(as(org)).expect(200)
    ).body.data;
    const threshold = 0.95;
    const expected = suggestions.filter((s) => s.deal_id && (s.confidence as number) >= threshold);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(80); // some fall below the threshold
    await http().patch('/api/v1/organization/settings').set(as(org)).send({ auto_apply_suggestions: true, confidence_threshold: threshold }).expect(200);
    expect(await run(org)).toEqual({ enabled: true, confidence_threshold: threshold, applied: expected.length });

    const applied: { id: string; deal_id: string }[] = await db.query(`SELECT id, deal_id FROM time_entries WHERE organization_id = $1 AND mapping_rule = 'suggestion' ORDER BY id`, [org.organizationId]);
    expect(applied).toEqual(expected.map((s) => ({ id: s.entry_id, deal_id: s.deal_id })).sort((a, b) => a.id.localeCompare(b.id)));
    const audits: { actor_type: string; object_id: string; reason: string; confidence: number }[] = await db.query(
      `SELECT actor_type, object_id, changes->>'reason' AS reason, (changes->>'confidence')::float AS confidence FROM audit_logs
        WHERE organization_id = $1 AND object_type = 'time_entry' AND changes->>'reason' = 'suggestion' ORDER BY object_id`,
      [org.organizationId],
    );
    expect(audits.map((a) => a.object_id)).toEqual(applied.map((a) => a.id));
    for (const a of audits) {
      expect(a.actor_type).toBe('system');
      expect(a.confidence).toBe(expected.find((s) => s.entry_id === a.object_id)?.confidence);
    }
    const [events] = await db.query(`SELECT count(*)::int AS n FROM outbox_events WHERE organization_id = $1 AND type = 'time_entry.mapped' AND aggregate_id = ANY($2::uuid[])`, [
      org.organizationId,
      applied.map((a) => a.id),
    ]);
    expect(events.n).toBe(applied.length);
    // The other tenant, with the setting off, is untouched.
    expect(await unmapped(other)).toBe(80);
    expect(theirs.heldOut).toHaveLength(80);

    // Undo: back into the review queue, audited, and never applied again.
    const target = applied[0].id;
    await http().post(`/api/v1/insights/auto-applied/${target}/undo`).set(as(other)).expect(404);
    const undone = await http().post(`/api/v1/insights/auto-applied/${target}/undo`).set(as(org)).expect(200);
    expect(undone.body).toMatchObject({ id: target, mapping_status: 'unmapped', deal_id: null, mapping_rule: null, unmapped_reason: 'suggestion_undone' });
    await http().post(`/api/v1/insights/auto-applied/${target}/undo`).set(as(org)).expect(409);
    const [undoAudit] = await db.query(`SELECT actor_type, actor_id FROM audit_logs WHERE organization_id = $1 AND object_id = $2 AND changes->>'reason' = 'undo_suggestion'`, [org.organizationId, target]);
    expect(undoAudit).toEqual({ actor_type: 'user', actor_id: org.userId });
    expect((await run(org)).applied).toBe(0);
    expect(await unmapped(org)).toBe(80 - applied.length + 1);
  });
});

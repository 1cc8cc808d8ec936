import type { MappingSuggestionDto } from '@clockwork/api-client';
import { INestApplication } from '@nestjs/common';
import { WinModelService } from '@clockwork/server-insights';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApiApp } from '../support/api-app';
import { signup, SignedUp, userWithRole } from '../support/org-fixture';
// The synthetic organizations, shared with the bench's insights scenario (tools/ is not an Nx project, hence the path).
// eslint-disable-next-line @nx/enforce-module-boundaries
import { generateDeals, generateReviewDecisions, SyntheticReviewEntry } from '../../../../tools/testing/synthetic-deals';

/**
 * Mapping suggestions learned from review decisions (tools/testing/synthetic-deals.ts): each
 * organization's decisions, and only its own, train its suggestions; top-1 accuracy on held-out
 * entries ≥ 80 %; a reviewer's assignment counts from the next request; two tenants with
 * opposite patterns get opposite suggestions, and neither moves when the other learns.
 */
describe('insights: mapping suggestions', () => {
  let app: INestApplication;
  let db: DataSource;
  const tenants: { admin: SignedUp; data: Awaited<ReturnType<typeof generateReviewDecisions>> }[] = [];
  const http = () => request(app.getHttpServer());
  const suggest = async (who: SignedUp, ids: string[]): Promise<{ decisions: number; data: MappingSuggestionDto[] }> =>
    (await http().get('/api/v1/insights/mapping-suggestions').query({ entry_ids: ids.join(',') }).set('Authorization', `Bearer ${who.accessToken}`).expect(200)).body;
  /** Suggestions of many entries, 200 ids a request. */
  const suggestAll = async (who: SignedUp, entries: SyntheticReviewEntry[]) => {
    const out: MappingSuggestionDto[] = [];
    for (let i = 0; i < entries.length; i += 200) out.push(...(await suggest(who, entries.slice(i, i + 200).map((e) => e.id))).data);
    return out;
  };

  beforeAll(async () => {
    app = await createApiApp();
    db = app.get(DataSource);
    for (const [seed, swap] of [
      [41, false],
      [42, true],
    ] as const) {
      const admin = await signup(app, `Review ${swap ? 'swapped' : 'plain'}`);
      tenants.push({ admin, data: await generateReviewDecisions(db, admin.organizationId, { deals: 12, decisions: 800, heldOut: 200, seed, swap }) });
    }
  }, 120_000);
  afterAll(() => app.close());

  it('suggests the true deal of held-out entries from the organization’s decisions (top-1 accuracy ≥ 80 %)', async () => {
    for (const { admin, data } of tenants) {
      const body = await suggest(admin, [data.heldOut[0].id]);
      expect(body.decisions).toBe(800);
      const suggestions = await suggestAll(admin, data.heldOut);
      expect(suggestions.map((s) => s.entry_id)).toEqual(data.heldOut.map((e) => e.id));
      const right = suggestions.filter((s, i) => s.deal_id === data.heldOut[i].dealId).length;
      expect(right / data.heldOut.length).toBeGreaterThanOrEqual(0.8);
      for (const s of suggestions.filter((x) => x.deal_id)) {
        expect(s.confidence).toBeGreaterThan(0);
        expect(s.confidence).toBeLessThanOrEqual(1);
        expect(s.because.length).toBeGreaterThan(0);
      }
    }
  });

  it('gives two tenants of opposite patterns opposite suggestions for the same words', async () => {
    const [plain, swapped] = tenants;
    const n = plain.data.deals.length;
    // An entry of each tenant with the words of deal 0 of the plain tenant.
    const words = { project_name: 'client0 project0 review', tags: ['tag0'], employee_id: 'emp-0' };
    const ids: string[] = [];
    for (const t of tenants) {
      const [row] = await db.query(
        `INSERT INTO time_entries (organization_id, id, employee_id, project_name, tags, start_time, end_time, duration_seconds, activity_type, productivity_score, source, mapping_status, unmapped_reason)
         VALUES ($1, gen_random_uuid(), $2, $3, $4, now() - interval '2 hours', now() - interval '1 hour', 3600, 'app', 0.5, 'agent', 'unmapped', 'no_match') RETURNING id`,
        [t.admin.organizationId, words.employee_id, words.project_name, words.tags],
      );
      ids.push(row.id);
    }
    const [a] = (await suggest(plain.admin, [ids[0]])).data;
    const [b] = (await suggest(swapped.admin, [ids[1]])).data;
    expect(a.deal_id).toBe(plain.data.deals[0]);
    expect(b.deal_id).toBe(swapped.data.deals[n - 1]);
    // Neither sees the other's entry.
    expect((await suggest(plain.admin, [ids[1]])).data).toEqual([]);
  });

  it('learns from a reviewer’s assignment at once, and only in that organization', async () => {
    const [plain, swapped] = tenants;
    const before = await suggestAll(swapped.admin, swapped.data.heldOut);
    // New words no decision has seen: no suggestion yet.
    const insert = (organizationId: string, name: string) =>
      db.query(
        `INSERT INTO time_entries (organization_id, id, employee_id, project_name, tags, start_time, end_time, duration_seconds, activity_type, productivity_score, source, mapping_status, unmapped_reason)
         VALUES ($1, gen_random_uuid(), 'emp-new', $2, '{zeta}', now() - interval '2 hours', now() - interval '1 hour', 3600, 'website', 0.5, 'agent', 'unmapped', 'no_match') RETURNING id`,
        [organizationId, name],
      ) as Promise<{ id: string }[]>;
    const [[first], [second]] = [await insert(plain.admin.organizationId, 'Zeta onboarding'), await insert(plain.admin.organizationId, 'Zeta onboarding')];
    expect((await suggest(plain.admin, [first.id])).data[0]).toEqual({ entry_id: first.id, deal_id: null, confidence: null, because: [] });
    const target = plain.data.deals[5];
    for (const entry of [first]) await http().post(`/api/v1/time-entries/${entry.id}/assign`).set('Authorization', `Bearer ${plain.admin.accessToken}`).send({ deal_id: target }).expect(200);
    const [learned] = (await suggest(plain.admin, [second.id])).data;
    expect(learned.deal_id).toBe(target);
    expect(learned.because).toEqual(expect.arrayContaining(['tag:zeta']));
    // The other tenant's suggestions did not move.
    expect(await suggestAll(swapped.admin, swapped.data.heldOut)).toEqual(before);
  });

  it('keeps each organization’s win model its own: training one leaves the other’s probabilities as they were', async () => {
    const a = await signup(app, 'Win A');
    const b = await signup(app, 'Win B');
    await generateDeals(db, a.organizationId, { closed: 200, open: 50, seed: 51, pattern: 1 });
    await generateDeals(db, b.organizationId, { closed: 200, open: 50, seed: 52, pattern: -1 });
    const models = app.get(WinModelService);
    await models.train(a.organizationId);
    const probabilities = async (who: SignedUp) =>
      (await http().get('/api/v1/insights/win-probabilities').set('Authorization', `Bearer ${who.accessToken}`).expect(200)).body.deals.map((d: { deal_id: string; probability: number }) => [d.deal_id, d.probability]);
    const modelOf = async (who: SignedUp) => (await http().get('/api/v1/insights/win-model').set('Authorization', `Bearer ${who.accessToken}`).expect(200)).body;
    const modelBefore = await modelOf(a);
    const before = await probabilities(a);
    // B gets more history of the opposite pattern and its own model.
    await generateDeals(db, b.organizationId, { closed: 300, open: 0, seed: 53, pattern: -1 });
    await models.train(b.organizationId);
    const after = await probabilities(a);
    expect(after.map(([id]: [string]) => id)).toEqual(before.map(([id]: [string]) => id));
    // Only the clock moved (days since the last entry grow by the seconds the test took).
    after.forEach(([, p]: [string, number], i: number) => expect(p).toBeCloseTo(before[i][1], 4));
    expect(await modelOf(a)).toEqual(modelBefore);
    const mb = await modelOf(b);
    expect(mb.n_closed).toBe(500);
    expect(mb.id).not.toBe(modelBefore.id);
  });

  it('names bad entry_ids in a 400, and is for admins and managers only', async () => {
    const [{ admin }] = tenants;
    for (const entry_ids of ['', 'nope', Array.from({ length: 201 }, () => '0190c2a4-0000-7000-8000-000000000000').join(',')]) {
      const res = await http().get('/api/v1/insights/mapping-suggestions').query({ entry_ids }).set('Authorization', `Bearer ${admin.accessToken}`).expect(400);
      expect(JSON.stringify(res.body)).toContain('entry_ids');
    }
    await http().get('/api/v1/insights/mapping-suggestions').set('Authorization', `Bearer ${admin.accessToken}`).expect(400);
    const sales = await userWithRole(app, admin.accessToken, 'sales');
    await http().get('/api/v1/insights/mapping-suggestions').query({ entry_ids: tenants[0].data.heldOut[0].id }).set('Authorization', `Bearer ${sales.token}`).expect(403);
  });
});

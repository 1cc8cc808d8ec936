import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { SignedUp } from '../org-fixture';
import type { DomainFixture } from './domain-fixture';

const http = (app: INestApplication) => request(app.getHttpServer());
const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

export interface PipelineBody {
  id: string;
  name: string;
  is_default: boolean;
  version: number;
  stages: { id: string; key: string; name: string; position: number; probability: number; kind: 'open' | 'won' | 'lost'; deal_count: number }[];
}

/** Three stages a pipeline can be made of: open, won, lost. */
export const SMALL_STAGES = [
  { key: 'intro', name: 'Intro', probability: 0.2, kind: 'open' },
  { key: 'signed', name: 'Signed', probability: 1, kind: 'won' },
  { key: 'dropped', name: 'Dropped', probability: 0, kind: 'lost' },
];

/** Creates a pipeline as the admin (by default "Renewals <n>" with SMALL_STAGES); returns it. */
let made = 0;
export async function createPipeline(app: INestApplication, admin: SignedUp, body: Record<string, unknown> = {}): Promise<PipelineBody> {
  const res = await http(app)
    .post('/api/v1/pipelines')
    .set(auth(admin.accessToken))
    .send({ name: `Renewals ${++made}`, stages: SMALL_STAGES, ...body });
  if (res.status !== 201) throw new Error(`POST /pipelines: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** How the audit row shows a pipeline's stages. */
export const stageLines = (stages: { key: string; name: string; probability: number; kind: string }[]) => stages.map((s) => `${s.key}: ${s.name} (${s.probability}, ${s.kind})`);

const fixture: DomainFixture = {
  resource: 'pipelines',
  create: async (app, admin) => (await createPipeline(app, admin)).id,
  bodies: {
    'PATCH /api/v1/pipelines/{id}': { name: 'Hijacked' },
    'POST /api/v1/pipelines/{id}/stages': { name: 'Hijacked', probability: 0.5, kind: 'open' },
    'PATCH /api/v1/pipelines/{id}/stages/{key}': { name: 'Hijacked' },
    'PUT /api/v1/pipelines/{id}/stage-order': { keys: ['dropped', 'signed', 'intro'] },
  },
  audit: {
    'POST /api/v1/pipelines': {
      call: async (app, admin) => {
        const p = await createPipeline(app, admin, { name: 'Partners' });
        return { expected: { action: 'create', object_type: 'pipeline', object_id: p.id, actor_id: admin.userId, changes: { name: { from: null, to: 'Partners' }, is_default: { from: null, to: false }, stages: { from: null, to: stageLines(SMALL_STAGES) } } } };
      },
    },
    'PATCH /api/v1/pipelines/{id}': {
      setup: async (app, admin) => ({ id: (await createPipeline(app, admin, { name: 'Old pipeline' })).id }),
      call: async (app, admin, s) => {
        await http(app).patch(`/api/v1/pipelines/${s.id}`).set(auth(admin.accessToken)).send({ name: 'New pipeline' }).expect(200);
        return { expected: { action: 'update', object_type: 'pipeline', object_id: s.id, actor_id: admin.userId, changes: { name: { from: 'Old pipeline', to: 'New pipeline' } } } };
      },
    },
    'DELETE /api/v1/pipelines/{id}': {
      setup: async (app, admin) => ({ id: (await createPipeline(app, admin, { name: 'Doomed pipeline' })).id }),
      call: async (app, admin, s) => {
        await http(app).delete(`/api/v1/pipelines/${s.id}`).set(auth(admin.accessToken)).expect(204);
        return { expected: { action: 'delete', object_type: 'pipeline', object_id: s.id, actor_id: admin.userId, changes: { name: { from: 'Doomed pipeline', to: null } } } };
      },
    },
    'POST /api/v1/pipelines/{id}/stages': {
      setup: async (app, admin) => ({ id: (await createPipeline(app, admin)).id }),
      call: async (app, admin, s) => {
        await http(app).post(`/api/v1/pipelines/${s.id}/stages`).set(auth(admin.accessToken)).send({ name: 'Demo', probability: 0.4, kind: 'open' }).expect(201);
        const after = [SMALL_STAGES[0], { key: 'demo', name: 'Demo', probability: 0.4, kind: 'open' }, SMALL_STAGES[1], SMALL_STAGES[2]];
        return { expected: { action: 'update', object_type: 'pipeline', object_id: s.id, actor_id: admin.userId, changes: { stages: { from: stageLines(SMALL_STAGES), to: stageLines(after) } } } };
      },
    },
    'PATCH /api/v1/pipelines/{id}/stages/{key}': {
      setup: async (app, admin) => ({ id: (await createPipeline(app, admin)).id }),
      call: async (app, admin, s) => {
        await http(app).patch(`/api/v1/pipelines/${s.id}/stages/intro`).set(auth(admin.accessToken)).send({ name: 'First call', probability: 0.15 }).expect(200);
        const after = [{ ...SMALL_STAGES[0], name: 'First call', probability: 0.15 }, SMALL_STAGES[1], SMALL_STAGES[2]];
        return { expected: { action: 'update', object_type: 'pipeline', object_id: s.id, actor_id: admin.userId, changes: { stages: { from: stageLines(SMALL_STAGES), to: stageLines(after) } } } };
      },
    },
    'DELETE /api/v1/pipelines/{id}/stages/{key}': {
      setup: async (app, admin) => ({ id: (await createPipeline(app, admin, { stages: [{ name: 'Extra', probability: 0.1, kind: 'open' }, ...SMALL_STAGES] })).id }),
      call: async (app, admin, s) => {
        await http(app).delete(`/api/v1/pipelines/${s.id}/stages/extra`).set(auth(admin.accessToken)).expect(200);
        const before = [{ key: 'extra', name: 'Extra', probability: 0.1, kind: 'open' }, ...SMALL_STAGES];
        return { expected: { action: 'update', object_type: 'pipeline', object_id: s.id, actor_id: admin.userId, changes: { stages: { from: stageLines(before), to: stageLines(SMALL_STAGES) } } } };
      },
    },
    'PUT /api/v1/pipelines/{id}/stage-order': {
      setup: async (app, admin) => ({ id: (await createPipeline(app, admin)).id }),
      call: async (app, admin, s) => {
        await http(app).put(`/api/v1/pipelines/${s.id}/stage-order`).set(auth(admin.accessToken)).send({ keys: ['intro', 'dropped', 'signed'] }).expect(200);
        const after = [SMALL_STAGES[0], SMALL_STAGES[2], SMALL_STAGES[1]];
        return { expected: { action: 'update', object_type: 'pipeline', object_id: s.id, actor_id: admin.userId, changes: { stages: { from: stageLines(SMALL_STAGES), to: stageLines(after) } } } };
      },
    },
  },
};
export default fixture;

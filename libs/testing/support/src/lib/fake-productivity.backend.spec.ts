import { Webhook } from 'standardwebhooks';
import { FakeProductivityBackend } from './fake-productivity.backend';

const SECRET = `whsec_${Buffer.from('fake-productivity-test-secret').toString('base64')}`;
const CRM_ID = '0190a3b2-1c2d-7e8f-9a0b-1c2d3e4f5a6b';

/** A PUT as the CRM sends it to `backend.url` + `path` (the base url ends in /api), signed with `secret` by the reference library. */
async function put(backend: FakeProductivityBackend, path: string, body: Record<string, unknown>, secret = SECRET): Promise<Response> {
  const raw = JSON.stringify(body);
  const id = `msg_${Math.random().toString(36).slice(2)}`;
  const at = new Date();
  const signature = new Webhook(secret).sign(id, at, raw);
  return fetch(`${backend.url}${path}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', 'webhook-id': id, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': signature },
    body: raw,
  });
}

describe('FakeProductivityBackend', () => {
  const backend = new FakeProductivityBackend();
  beforeAll(async () => {
    await backend.start();
    backend.secret = SECRET;
  });
  afterAll(() => backend.stop());

  it('stores a signed task PUT and keeps its remote id on the next one', async () => {
    const first = await put(backend, `/tasks/${CRM_ID}`, { title: 'One' });
    expect(first.status).toBe(200);
    const answer = (await first.json()) as { id: string; updated_at: string };
    expect(backend.tasks.get(CRM_ID)).toEqual({ remoteId: answer.id, updatedAt: answer.updated_at, body: { title: 'One' } });
    const second = (await (await put(backend, `/tasks/${CRM_ID}`, { title: 'Two' })).json()) as { id: string };
    expect(second.id).toBe(answer.id);
    expect(backend.tasks.get(CRM_ID)?.body).toEqual({ title: 'Two' });
    expect(backend.projects.size).toBe(0);
  });

  it('answers 401 to a wrong signature, 404 to an unknown path and 500 while failNext lasts', async () => {
    const wrong = `whsec_${Buffer.from('another-secret').toString('base64')}`;
    expect((await put(backend, `/projects/${CRM_ID}`, { name: 'X' }, wrong)).status).toBe(401);
    expect((await put(backend, '/accounts/1', { name: 'X' })).status).toBe(404);
    backend.failNext = 1;
    expect((await put(backend, `/projects/${CRM_ID}`, { name: 'P' })).status).toBe(500);
    expect(backend.projects.size).toBe(0);
    expect((await put(backend, `/projects/${CRM_ID}`, { name: 'P' })).status).toBe(200);
    expect(backend.projects.get(CRM_ID)?.body).toEqual({ name: 'P' });
    expect(backend.received.slice(-4).map((r) => [r.status, r.verified])).toEqual([[401, false], [404, true], [500, true], [200, true]]);
  });
});

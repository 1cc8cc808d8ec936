import { accountsCreate, accountsList } from '@clockwork/api-client';
import { describe, expect, it } from 'vitest';
import { mockApi, signIn } from '../testing/mock-api';
import { unwrap } from './errors';
import { BUSY_JITTER_MS, fetchRetryingBusy } from './busy-retry';

const busy: { status: number; headers: Record<string, string>; body: { statusCode: number; error: string; message: string } } = { status: 503, headers: { 'Retry-After': '0' }, body: { statusCode: 503, error: 'Service Unavailable', message: 'The server is handling its limit of 256 requests at once; retry after 1 s' } };

describe('a request the server refused for load', () => {
  it('is sent again after the Retry-After wait, body and all, and its answer is the one the caller gets', async () => {
    const api = mockApi({ 'POST /api/v1/accounts': (_call, calls) => (calls.length < 3 ? busy : { status: 201, body: { id: 'a1', name: 'Acme' } }) });
    signIn();
    await expect(unwrap(accountsCreate({ body: { name: 'Acme' } }))).resolves.toMatchObject({ id: 'a1' });
    expect(api.callsTo('POST', '/api/v1/accounts').map((c) => c.body)).toEqual([{ name: 'Acme' }, { name: 'Acme' }, { name: 'Acme' }]);
  });

  it('gives up after two retries and shows the server message', async () => {
    const api = mockApi({ 'GET /api/v1/accounts': busy });
    signIn();
    await expect(unwrap(accountsList())).rejects.toMatchObject({ status: 503, message: busy.body.message });
    // The query client's own retry is not involved here: one call of the client, three sends.
    expect(api.callsTo('GET', '/api/v1/accounts')).toHaveLength(3);
  });

  it('is not sent again for a 503 without Retry-After, nor for a wait longer than 5 s', async () => {
    const long: Record<string, string> = { 'Retry-After': '30' };
    const api = mockApi({ 'GET /api/v1/accounts': (call) => ({ ...busy, headers: call.query.q === 'long' ? long : {} }) });
    signIn();
    await expect(unwrap(accountsList())).rejects.toMatchObject({ status: 503 });
    await expect(unwrap(accountsList({ query: { q: 'long' } }))).rejects.toMatchObject({ status: 503 });
    expect(api.callsTo('GET', '/api/v1/accounts')).toHaveLength(2);
  });

  it('adds up to BUSY_JITTER_MS at random to each wait, so refused requests do not all return at once', async () => {
    const answers = [new Response(null, { status: 503, headers: { 'Retry-After': '0' } }), new Response('ok', { status: 200 })];
    const sent: number[] = [];
    const started = Date.now();
    const response = await fetchRetryingBusy(async () => (sent.push(Date.now() - started), answers.shift() as Response), new Request('http://127.0.0.1/api/v1/accounts'), () => 1);
    expect(response.status).toBe(200);
    expect(sent).toHaveLength(2);
    expect(sent[1] - sent[0]).toBeGreaterThanOrEqual(BUSY_JITTER_MS - 5);
  });
});

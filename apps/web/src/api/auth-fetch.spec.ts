import { accountsList, authLogin } from '@clockwork/api-client';
import { describe, expect, it } from 'vitest';
import { makeUser, mockApi, signIn } from '../testing/mock-api';
import { unwrap } from './errors';
import { sessionStore } from './session';

const tokens = (n: number) => ({ access_token: `access-${n}`, refresh_token: `refresh-${n}`, token_type: 'Bearer', expires_in: 900, user: makeUser(), organization: { id: 'o', name: 'Acme', created_at: '2026-01-01T00:00:00Z' } });
const expired = { status: 401, body: { statusCode: 401, error: 'Unauthorized', message: 'Token expired' } };

describe('refresh on 401', () => {
  it('trades the refresh token for a new pair once, replays the request and keeps the new pair', async () => {
    const api = mockApi({
      'GET /api/v1/accounts': (call) => (call.headers.get('Authorization') === 'Bearer access-2' ? { body: { data: [], next_cursor: null } } : expired),
      'POST /api/v1/auth/refresh': { body: tokens(2) },
    });
    signIn();

    const results = await Promise.all([unwrap(accountsList()), unwrap(accountsList({ query: { q: 'a' } }))]);

    expect(results).toEqual([{ data: [], next_cursor: null }, { data: [], next_cursor: null }]);
    expect(api.callsTo('POST', '/api/v1/auth/refresh').map((c) => c.body)).toEqual([{ refresh_token: 'refresh-1' }]);
    expect(sessionStore.get()?.access_token).toBe('access-2');
    expect(JSON.parse(localStorage.getItem('clockwork.session') ?? '{}').refresh_token).toBe('refresh-2');
  });

  it('ends the session when the refresh token is refused', async () => {
    const api = mockApi({ 'GET /api/v1/accounts': expired, 'POST /api/v1/auth/refresh': expired });
    signIn();

    await expect(unwrap(accountsList())).rejects.toMatchObject({ status: 401 });
    expect(api.callsTo('GET', '/api/v1/accounts')).toHaveLength(1);
    expect(sessionStore.get()).toBeNull();
  });

  it('does not try to refresh for a failed sign-in', async () => {
    const api = mockApi({ 'POST /api/v1/auth/login': expired });
    await expect(unwrap(authLogin({ body: { email: 'a@b.test', password: 'wrong-password' } }))).rejects.toMatchObject({ status: 401, message: 'Token expired' });
    expect(api.callsTo('POST', '/api/v1/auth/refresh')).toHaveLength(0);
  });
});

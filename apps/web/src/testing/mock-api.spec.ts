import { accountsList } from '@clockwork/api-client';
import { describe, expect, it } from 'vitest';
import { mockApi, page, ratesTabRoutes, signIn, takeUnexpectedCalls } from './mock-api';

describe('mockApi', () => {
  it('answers the routes a test set up, by method and path pattern', async () => {
    const api = mockApi({ 'GET /api/v1/accounts': page([{ id: 'a1' }]) });
    signIn();
    const { data } = await accountsList({ query: { limit: 5 } });
    expect(data?.data).toEqual([{ id: 'a1' }]);
    expect(api.callsTo('GET', '/api/v1/accounts')[0].query).toEqual({ limit: '5' });
  });

  it('rejects a call to a route the test did not set up, and reports it so the test fails', async () => {
    const api = mockApi({ 'GET /api/v1/accounts/:id': { body: { id: 'a1' } } });
    signIn();
    await expect(api.fetchMock('http://api.test/api/v1/acounts?limit=50')).rejects.toThrow('mockApi: the test did not set up GET /api/v1/acounts?limit=50');
    await expect(api.fetchMock('http://api.test/api/v1/accounts/a1', { method: 'DELETE' })).rejects.toThrow('did not set up DELETE /api/v1/accounts/a1');
    // What test-setup.ts turns into a failure after the test (taken here, so this test passes).
    expect(takeUnexpectedCalls()).toEqual(['GET /api/v1/acounts?limit=50', 'DELETE /api/v1/accounts/a1']);
  });
});

describe('ratesTabRoutes', () => {
  it('gives the rates tab its four reads: the lists asked for, the others empty', () => {
    const routes = ratesTabRoutes({ costRates: [{ id: 'c1' }] });
    expect(Object.keys(routes).sort()).toEqual(['GET /api/v1/budget-thresholds', 'GET /api/v1/cost-rates', 'GET /api/v1/exchange-rates', 'GET /api/v1/rates']);
    expect(routes['GET /api/v1/cost-rates']).toEqual(page([{ id: 'c1' }]));
    expect(routes['GET /api/v1/rates']).toEqual(page([]));
  });
});

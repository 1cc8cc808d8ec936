// A scenario whose endpoint the api does not serve is reported skipped with the reason, not a
// crash; any other error is a failed row; targets are judged only at full scale, the list targets at every scale.
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiClient } from './api-client';
import { judge } from './report';
import { runScenario } from './run-scenario';
import type { BenchContext, ResultRow, Scenario } from './scenario';

let server: Server;
let api: ApiClient;

beforeAll(async () => {
  // Answers like Nest does for a route it does not have.
  server = createServer((req, res) => {
    res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ statusCode: 404, error: 'Not Found', message: `Cannot ${req.method} ${req.url}` }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  api = new ApiClient([`http://127.0.0.1:${(server.address() as AddressInfo).port}`]);
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const ctx = () => ({ api, log: () => undefined }) as unknown as BenchContext;

it('reports a scenario whose endpoint is missing as skipped with the 404 reason', async () => {
  const scenario: Scenario = { id: 'reports', title: 'Reports', run: async (c) => (await c.api.ok('GET', '/api/v1/reports/time-per-deal?date_from=2026-01-01'), []) };
  const outcome = await runScenario(scenario, ctx());
  expect(outcome.status).toBe('skipped');
  expect(outcome.reason).toBe('skipped: endpoint not available (404) GET /api/v1/reports/time-per-deal');
  expect(outcome.rows).toEqual([expect.objectContaining({ scenario: 'reports', skipped: outcome.reason, measured: null, pass: null })]);
});

it('reports any other error as a failed row', async () => {
  const scenario: Scenario = { id: 'lists', title: 'Lists', run: async () => Promise.reject(new Error('connection refused')) };
  const outcome = await runScenario(scenario, ctx());
  expect(outcome.status).toBe('failed');
  expect(outcome.rows[0]).toEqual(expect.objectContaining({ skipped: 'failed: connection refused', pass: false }));
});

describe('judge', () => {
  const row = (over: Partial<ResultRow>): ResultRow => ({
    scenario: 'reports', metric: 'p95', unit: 'ms', measured: 40, baseline: 4000, baselineLabel: 'raw', ratio: 100, ratioKind: 'baseline/measured',
    targets: [{ kind: 'max', value: 50, of: 'measured' }, { kind: 'min', value: 50, of: 'ratio' }], pass: null, ...over,
  });

  it('judges targets at full scale only', () => {
    expect(judge(row({}), true)).toBe(true);
    expect(judge(row({ measured: 51 }), true)).toBe(false);
    expect(judge(row({ ratio: 49.9 }), true)).toBe(false);
    expect(judge(row({ measured: 51 }), false)).toBeNull();
  });

  it('judges the list targets at every scale', () => {
    expect(judge(row({ judgedAtEveryScale: true }), false)).toBe(true);
    expect(judge(row({ judgedAtEveryScale: true, measured: 51 }), false)).toBe(false);
    expect(judge(row({ judgedAtEveryScale: true, ratio: 49.9 }), false)).toBe(false);
  });

  it('fails a correctness problem at every scale', () => {
    expect(judge(row({ pass: false }), false)).toBe(false);
  });
});

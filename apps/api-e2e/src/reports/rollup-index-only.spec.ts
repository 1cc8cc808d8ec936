import type { QueryRunner } from 'typeorm';
import request from 'supertest';
import { postEntries, prng, randomEntries, seedRecords } from './report-data';
import { apiWithOrg } from '../support/api-with-org';

/** The span rollup tables the reports read by bucket (migration RollupCoveringIndexes). */
const SPAN_TABLES = ['time_rollups_by_deal', 'time_rollups_by_user', 'time_rollups_priced_by_deal', 'time_rollups_priced_by_user'];

/** Every report that reads span rollups, with the table it must read. */
const REPORTS = [
  { path: 'time-per-deal', table: 'time_rollups_by_deal' },
  { path: 'time-per-client', table: 'time_rollups_by_deal' },
  { path: 'revenue-vs-hours', table: 'time_rollups_by_deal' },
  { path: 'time-per-user', table: 'time_rollups_by_user' },
  { path: 'productivity', table: 'time_rollups_by_user' },
  { path: 'time-per-deal?group_by=month&', table: 'time_rollups_by_deal' },
  { path: 'profitability?group_by=deal&', table: 'time_rollups_priced_by_deal' },
  { path: 'profitability?group_by=account&', table: 'time_rollups_priced_by_deal' },
  { path: 'profitability?group_by=user&', table: 'time_rollups_priced_by_user' },
];

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Heap Fetches'?: number;
  Plans?: PlanNode[];
}

const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)];

/**
 * A report reads its span rollups from the key index alone: every figure it sums is in the index
 * (INCLUDE), so once the table is vacuumed no row is fetched from the heap. A figure added to a
 * report's sums without adding it to the index turns the scan into a plain index scan, and this
 * fails. The plan is that of the very SQL and parameters the api sent, captured on its DataSource.
 */
describe('reports read the span rollups from the index alone', () => {
  const api = apiWithOrg('Index Only Org');

  beforeAll(async () => {
    const rand = prng(41);
    await postEntries(api.app, api.admin.accessToken, randomEntries(rand, await seedRecords(api.app, api.admin.organizationId, rand), 300, 'io'));
    await api.db.query(`VACUUM ${SPAN_TABLES.join(', ')}`);
  });

  it.each(REPORTS)('GET /reports/$path', async ({ path, table }) => {
    const sent: { sql: string; params: unknown[] }[] = [];
    const query = api.db.query.bind(api.db);
    const spy = jest.spyOn(api.db, 'query').mockImplementation((sql: string, params?: unknown[], runner?: QueryRunner) => {
      sent.push({ sql, params: params ?? [] });
      return query(sql, params, runner);
    });
    try {
      await request(api.app.getHttpServer())
        .get(`/api/v1/reports/${path}${path.includes('?') ? '' : '?'}date_from=2025-09-01&date_to=2026-04-01`)
        .set('Authorization', `Bearer ${api.admin.accessToken}`)
        .expect(200);
    } finally {
      spy.mockRestore();
    }
    const reads = sent.filter((s) => s.sql.includes(`JOIN ${table} r`));
    expect(reads).toHaveLength(1);

    // The planner weighs a handful of rows differently from a year of them: with sequential and
    // bitmap scans off it picks the cheapest index path, which must then be the index alone.
    const runner = api.db.createQueryRunner();
    try {
      await runner.startTransaction();
      await runner.query('SET LOCAL enable_seqscan = off');
      await runner.query('SET LOCAL enable_bitmapscan = off');
      const [{ 'QUERY PLAN': plan }] = await runner.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${reads[0].sql}`, reads[0].params);
      const scans = nodesOf(plan[0].Plan).filter((n) => SPAN_TABLES.includes(n['Relation Name'] ?? ''));
      expect(scans.map((n) => ({ type: n['Node Type'], table: n['Relation Name'], index: n['Index Name'], heapFetches: n['Heap Fetches'] }))).toEqual([
        { type: 'Index Only Scan', table, index: `${table}_key_idx`, heapFetches: 0 },
      ]);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });
});

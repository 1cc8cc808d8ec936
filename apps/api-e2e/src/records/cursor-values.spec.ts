import SwaggerParser from '@apidevtools/swagger-parser';
import { INestApplication } from '@nestjs/common';
import { buildOpenApiDocument } from '@clockwork/server-core';
import request from 'supertest';
import { operationsOf, Operation } from '../fuzz/openapi-operations';
import { createApiApp } from '../support/api-app';
import { domainOf } from '../support/domains';
import { createAccount } from '../support/domains/accounts.domain';
import { createDeal } from '../support/domains/deals.domain';
import { signup, SignedUp } from '../support/org-fixture';

const ID = '0190d6f2-0000-7000-8000-000000000000';
const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

type SortType = 'timestamptz' | 'date' | 'text' | 'numeric';
/** Sort fields any list may offer, and the type the server compares their cursor value as. */
const SORT_FIELDS: Record<string, SortType> = {
  created_at: 'timestamptz',
  updated_at: 'timestamptz',
  due_date: 'timestamptz',
  start_time: 'timestamptz',
  invoice_date: 'date',
  rate_date: 'date',
  name: 'text',
  last_name: 'text',
  value: 'numeric',
  priority: 'numeric',
};

/** Lists without a `sort` parameter page by created_at, except these (their fixed order). */
const FIXED_ORDER: Record<string, SortType> = {
  '/api/v1/insights/churn-risk': 'numeric', // by risk, highest first
};

/** Well-formed [value, id] cursors whose value is not of the sort field's type. */
const WRONG_VALUES: Record<SortType, unknown[]> = {
  timestamptz: ['not-a-date', '2026-02-30T00:00:00.000Z', '2026-01-01T24:00:00Z', '0000-01-01T00:00:00Z', '275760-09-13T00:00:00.000Z', 1767225600000, true, {}, ['2026-01-01T00:00:00Z']],
  date: ['not-a-date', '2026-13-01', '2025-02-29', 20260101, false],
  text: [123, true, { name: 'x' }, ['x'], 'nul\u0000byte'],
  numeric: ['abc', 'NaN', '1e5', '12,5', true, { value: 1 }, '9'.repeat(200)],
};

/** Cursors of the wrong shape for every list, whatever its sort. */
const WRONG_SHAPES: [string, string][] = [
  ['not base64 JSON', '%%%not-a-cursor%%%'],
  ['JSON that is not an array', b64({ value: '2026-01-01T00:00:00.000Z', id: ID })],
  ['one element', b64(['2026-01-01T00:00:00.000Z'])],
  ['three elements', b64(['2026-01-01T00:00:00.000Z', ID, 'extra'])],
  ['an id that is not a UUID', b64(['2026-01-01T00:00:00.000Z', 'not-a-uuid'])],
  ['an id of 36 dashes', b64(['2026-01-01T00:00:00.000Z', '-'.repeat(36)])],
  ['a numeric id', b64(['2026-01-01T00:00:00.000Z', 42])],
];

/**
 * Every list of the API, for every sort field it offers: a cursor that is well-formed base64url
 * JSON but carries a value of the wrong type, the wrong arity or a bad id is a 400 naming
 * `cursor`, never a database error (500).
 */
describe('forged cursors on every list', () => {
  let app: INestApplication;
  let admin: SignedUp;
  let lists: { op: Operation; path: string; sorts: [string, SortType][] }[] = [];
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    app = await createApiApp();
    admin = await signup(app, 'Cursor Org');
    // Two rows in a few lists, so that real cursors of text, numeric and timestamp sorts are followed too.
    for (const name of ['Alpha Corp', 'Beta Corp']) await createAccount(app, admin, { name });
    for (const value of [1200.5, 99]) await createDeal(app, admin, { name: `Deal ${value}`, value });
    const doc = (await SwaggerParser.dereference(structuredClone(buildOpenApiDocument(app)) as never)) as never;
    const ops = operationsOf(doc).filter((op) => op.method === 'GET' && op.queryParams.some((q) => q.name === 'cursor'));
    for (const op of ops) {
      let path = op.path;
      if (op.pathParams.length) {
        const domain = domainOf(op.path.replace(/\{[^}]+\}.*$/, 'x'));
        const id = domain.create ? await domain.create(app, admin) : undefined;
        if (!id) continue;
        for (const p of op.pathParams) path = path.replace(`{${p.name}}`, id);
      }
      const sorts: [string, SortType][] = [];
      if (op.queryParams.some((q) => q.name === 'sort')) {
        for (const [field, type] of Object.entries(SORT_FIELDS)) {
          if ((await http().get(path).query({ sort: `${field}:asc` }).set('Authorization', `Bearer ${admin.accessToken}`)).status === 200) sorts.push([field, type]);
        }
      } else sorts.push(['', FIXED_ORDER[op.path] ?? 'timestamptz']);
      lists.push({ op, path, sorts });
    }
  });
  afterAll(() => app?.close());

  it('finds the lists and their sort fields', () => {
    expect(lists.length).toBeGreaterThanOrEqual(20);
    const sortTypes = new Set(lists.flatMap((l) => l.sorts.map(([, t]) => t)));
    expect([...sortTypes].sort()).toEqual(['date', 'numeric', 'text', 'timestamptz']);
    lists = lists.filter((l) => l.sorts.length > 0);
  });

  it('answers 400 naming cursor for a value of the wrong type, in both directions', async () => {
    const wrong: string[] = [];
    for (const { path, sorts } of lists) {
      for (const [field, type] of sorts) {
        for (const value of WRONG_VALUES[type]) {
          for (const direction of field ? ['asc', 'desc'] : ['']) {
            const query = { cursor: b64([value, ID]), ...(field ? { sort: `${field}:${direction}` } : {}) };
            const res = await http().get(path).query(query).set('Authorization', `Bearer ${admin.accessToken}`);
            if (res.status !== 400 || res.body.details?.[0]?.field !== 'cursor') wrong.push(`${path}?sort=${query.sort ?? ''} value ${JSON.stringify(value)} -> ${res.status} ${JSON.stringify(res.body).slice(0, 160)}`);
          }
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('answers 400 naming cursor for a cursor of the wrong shape', async () => {
    const wrong: string[] = [];
    for (const { path } of lists) {
      for (const [what, cursor] of WRONG_SHAPES) {
        const res = await http().get(path).query({ cursor }).set('Authorization', `Bearer ${admin.accessToken}`);
        if (res.status !== 400 || res.body.details?.[0]?.field !== 'cursor') wrong.push(`${path} ${what} -> ${res.status}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('still follows the cursors it hands out, for every sort field', async () => {
    const broken: string[] = [];
    const followed = new Set<string>();
    for (const { path, sorts } of lists) {
      for (const [field] of sorts) {
        const first = await http().get(path).query({ limit: 1, ...(field ? { sort: `${field}:desc` } : {}) }).set('Authorization', `Bearer ${admin.accessToken}`);
        if (first.status !== 200 || !first.body.next_cursor) continue;
        const next = await http().get(path).query({ limit: 1, cursor: first.body.next_cursor, ...(field ? { sort: `${field}:desc` } : {}) }).set('Authorization', `Bearer ${admin.accessToken}`);
        if (next.status !== 200) broken.push(`${path} ${field} -> ${next.status}`);
        followed.add(`${path} ${field}`);
      }
    }
    expect(broken).toEqual([]);
    expect([...followed]).toEqual(expect.arrayContaining(['/api/v1/accounts name', '/api/v1/accounts created_at', '/api/v1/deals value']));
  });
});

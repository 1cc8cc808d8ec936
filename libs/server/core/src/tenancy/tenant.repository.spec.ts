import { Injectable } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { TenantBaseEntity } from '@clockwork/shared-entities';
import type { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { RequestContext } from '../auth/request-context.store';
import { byCreation, type ListOrder } from '../pagination/keyset.builder';
import { TestRequestContext, TEST_PRINCIPAL } from '../testing/new-test-service.builder';
import { type PageOptions, TenantRepository, whereNameMatches } from './tenant.repository';

type Thing = TenantBaseEntity & { name: string };
const thing = (id: string, at: string) => ({ organizationId: 'o1', id, name: id, createdAt: new Date(at), updatedAt: new Date(at) }) as Thing;

/** A query builder that records what is asked of it and answers `rows`. */
function fakeQueryBuilder(rows: Thing[]) {
  const calls: unknown[][] = [];
  const qb: Record<string, unknown> = { getMany: async () => rows };
  for (const method of ['where', 'andWhere', 'orderBy', 'addOrderBy', 'limit']) {
    qb[method] = (...args: unknown[]) => (calls.push([method, ...args]), qb);
  }
  return { qb: qb as unknown as SelectQueryBuilder<Thing>, calls };
}

const managerOf = (qb: SelectQueryBuilder<Thing>) => ({ getRepository: () => ({ createQueryBuilder: () => qb }) }) as unknown as EntityManager;

class Things extends TenantRepository<Thing> {
  constructor(manager: EntityManager) {
    super('thing', 'Thing');
    Object.assign(this, { dataSource: { manager } as DataSource, context: new TestRequestContext(TEST_PRINCIPAL) });
  }

  list(query: { limit?: number; cursor?: string; sort?: string }, options?: PageOptions<Thing>) {
    return this.page('t', query, (row) => row.id, options);
  }
}

@Injectable()
class InjectedThings extends TenantRepository<Thing> {
  constructor() {
    super('thing', 'Thing');
  }

  list(query: { limit?: number }) {
    return this.page('t', query, (row) => row.id);
  }
}

describe('TenantRepository', () => {
  it("gets the data source and the caller's context from Nest, its constructor naming only the table and the record", async () => {
    const { qb, calls } = fakeQueryBuilder([thing('a', '2026-01-01')]);
    const app = await Test.createTestingModule({
      providers: [InjectedThings, { provide: getDataSourceToken(), useValue: { manager: managerOf(qb) } }, { provide: RequestContext, useValue: new TestRequestContext(TEST_PRINCIPAL) }],
    }).compile();
    await expect(app.get(InjectedThings).list({ limit: 5 })).resolves.toEqual({ data: ['a'], next_cursor: null });
    expect(calls[0]).toEqual(['where', 't.organization_id = :organizationId', { organizationId: 'o1' }]);
  });
});

describe('TenantRepository.page', () => {
  it("scopes to the caller's organization, filters, then orders newest first by default and fetches one row more than the page", async () => {
    const { qb, calls } = fakeQueryBuilder([thing('b', '2026-01-02'), thing('a', '2026-01-01')]);
    const filter = jest.fn((q: SelectQueryBuilder<Thing>) => q.andWhere('t.name = :name', { name: 'x' }));
    await expect(new Things(managerOf(qb)).list({ limit: 1 }, { filter })).resolves.toEqual({ data: ['b'], next_cursor: expect.any(String) });
    expect(calls).toEqual([
      ['where', 't.organization_id = :organizationId', { organizationId: 'o1' }],
      ['andWhere', 't.name = :name', { name: 'x' }],
      ['orderBy', 't.created_at', 'DESC', undefined],
      ['addOrderBy', 't.id', 'DESC'],
      ['limit', 2],
    ]);
  });

  it('takes the order it is given, and reads through the manager it is given', async () => {
    const primary = fakeQueryBuilder([]);
    const replica = fakeQueryBuilder([thing('a', '2026-01-01')]);
    const order: ListOrder<Thing> = byCreation('asc');
    const page = await new Things(managerOf(primary.qb)).list({}, { order, manager: managerOf(replica.qb) });
    expect(page).toEqual({ data: ['a'], next_cursor: null });
    expect(primary.calls).toEqual([]);
    expect(replica.calls).toContainEqual(['orderBy', 't.created_at', 'ASC', undefined]);
    expect(replica.calls).toContainEqual(['limit', 51]);
  });
});

describe('whereNameMatches', () => {
  it('matches names that contain q (LIKE characters escaped) or are similar to it, and nothing without q', () => {
    const { qb, calls } = fakeQueryBuilder([]);
    whereNameMatches(qb, 'a', undefined);
    whereNameMatches(qb, 'a', '');
    expect(calls).toEqual([]);
    whereNameMatches(qb, 'a', '50%_off');
    expect(calls).toEqual([['andWhere', '(a.name ILIKE :like OR a.name % :q)', { like: '%50\\%\\_off%', q: '50%_off' }]]);
  });
});

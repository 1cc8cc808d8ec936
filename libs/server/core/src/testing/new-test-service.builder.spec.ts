import { Inject, Injectable } from '@nestjs/common';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { InjectDataSource } from '@nestjs/typeorm';
import type { TenantBaseEntity } from '@clockwork/shared-entities';
import { DataSource, EntityManager } from 'typeorm';
import { TenantRepository } from '../tenancy/tenant.repository';
import { AuditWriter } from '../audit/audit.writer';
import { RequestContext } from '../auth/request-context.store';
import { Env } from '../config/environment.config';
import { Metrics } from '../metrics/metrics.service';
import { OutboxWriter } from '../outbox/outbox.writer';
import { RecordWriter } from '../records/record.writer';
import { automock, mockStoredRecord, newTestService, TEST_PRINCIPAL, testCaller } from './new-test-service.builder';

abstract class Store {
  abstract put(key: string): Promise<void>;
  describe(): string {
    return 'store';
  }
}

@Injectable()
class Repo {
  get manager(): EntityManager {
    throw new Error('not in tests');
  }
  find(id: string): Promise<string> {
    return Promise.resolve(id);
  }
  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return work({} as EntityManager);
  }
}

const CLOCK = 'CLOCK';

type Thing = TenantBaseEntity & { name: string };

class ThingRepository extends TenantRepository<Thing> {
  constructor() {
    super('thing', 'Thing');
  }
}

@Injectable()
class Sample {
  constructor(
    @InjectDataSource() readonly dataSource: DataSource,
    readonly repo: Repo,
    readonly store: Store,
    readonly audit: AuditWriter,
    readonly context: RequestContext,
    readonly env: Env,
    readonly metrics: Metrics,
    @Inject(CLOCK) readonly clock: { now(): number },
  ) {}

  async save(id: string): Promise<string> {
    return this.dataSource.transaction(async (m) => {
      await this.audit.record(m, { action: 'create', objectType: 'sample', objectId: id, before: null, after: { id } });
      return `${this.context.organizationId}:${await this.repo.find(id)}`;
    });
  }
}

@Injectable()
class Writes {
  constructor(
    readonly records: RecordWriter,
    readonly outbox: OutboxWriter,
  ) {}
}

describe('newTestService', () => {
  const clock = { now: () => 42 };

  it('gives each constructor parameter its mock, the same one the test reads back', async () => {
    const { sut, mock, mockToken, manager, dataSource, context, env, metrics } = newTestService(Sample, { provide: [[CLOCK, clock]], env: { WEBHOOK_TIMEOUT_MS: '1234' } });
    expect(sut.repo).toBe(mock(Repo));
    expect(sut.store).toBe(mock(Store));
    expect(sut.dataSource).toBe(dataSource);
    expect(sut.context).toBe(context);
    expect(sut.metrics).toBe(metrics);
    expect(sut.clock).toBe(mockToken(CLOCK));
    expect(sut.env).toBe(env);
    expect(env.WEBHOOK_TIMEOUT_MS).toBe(1234);

    mock(Repo).find.mockResolvedValue('found');
    await expect(sut.save('x')).resolves.toBe('o1:found');
    // The transaction ran its callback with the one manager mock.
    expect(mock(AuditWriter).record.mock.calls[0][0]).toBe(manager);
  });

  it('mocks abstract methods on first use, keeps getters as plain properties, and runs a repository transaction', async () => {
    const { mock, manager } = newTestService(Sample, { provide: [[CLOCK, clock]] });
    const store = mock(Store);
    expect(jest.isMockFunction(store.put)).toBe(true);
    expect(jest.isMockFunction(store.describe)).toBe(true);
    expect(mock(Repo).manager).toBe(manager);
    await expect(mock(Repo).transaction(async (m) => m)).resolves.toBe(manager);
    // Promises and Jest's printers probe `then`: never a mock, so a mock is not mistaken for a promise.
    expect((store as unknown as { then?: unknown }).then).toBeUndefined();
  });

  it('sets the caller, or none', () => {
    expect(newTestService(Sample, { provide: [[CLOCK, clock]] }).context.principal).toEqual(TEST_PRINCIPAL);
    const anonymous = newTestService(Sample, { provide: [[CLOCK, clock]], principal: null });
    expect(anonymous.context.principal).toBeUndefined();
    expect(() => anonymous.context.organizationId).toThrow('Authentication required');
  });

  it('says which parameter it cannot build, and which mock the service does not take', () => {
    expect(() => newTestService(Sample)).toThrow(/give Sample's parameter 7 \(CLOCK\) with options.provide/);
    const { mock } = newTestService(Sample, { provide: [[CLOCK, clock]] });
    expect(() => mock(Date)).toThrow('newTestService: Sample takes no Date');
  });

  it('gives a real RecordWriter over the DataSource, the context and the AuditWriter and OutboxWriter mocks', async () => {
    const { sut, mock, manager } = newTestService(Writes);
    expect(sut.records).toBeInstanceOf(RecordWriter);
    expect(sut.outbox).toBe(mock(OutboxWriter));
    await sut.records.transaction((m) => sut.records.written(m, { objectType: 'sample', view: (r) => r }, 'create', null, { id: 'x' }, { type: 'deal.created', aggregateType: 'deal', aggregateId: 'x', payload: {} }));
    expect(mock(AuditWriter).record).toHaveBeenCalledWith(manager, { action: 'create', objectType: 'sample', objectId: 'x', before: null, after: { id: 'x' } });
    expect(mock(OutboxWriter).record).toHaveBeenCalledWith(manager, expect.objectContaining({ organizationId: 'o1', type: 'deal.created' }));
  });

  it('testCaller: a sales user of o1 unless told otherwise', () => {
    expect(testCaller()).toEqual({ kind: 'user', id: 'someone', organizationId: 'o1', role: 'sales' });
    expect(testCaller({ role: 'admin', id: 'a1' })).toEqual({ kind: 'user', id: 'a1', organizationId: 'o1', role: 'admin' });
  });

  it('mockStoredRecord: reads answer the stored record, writes what they wrote (over it for an update)', async () => {
    const stored = { organizationId: 'o1', id: 't1', name: 'A', createdAt: new Date(0), updatedAt: new Date(0) } as Thing;
    const repo = automock(ThingRepository);
    mockStoredRecord(repo, stored, (values) => ({ ...stored, ...values }) as Thing);
    const m = {} as EntityManager;
    await expect(repo.findById('t1')).resolves.toBe(stored);
    await expect(repo.lockById(m, 't1')).resolves.toBe(stored);
    await expect(repo.insert(m, { id: 't2', name: 'B' })).resolves.toMatchObject({ id: 't2', name: 'B' });
    await expect(repo.updateById(m, 't1', { name: 'C' })).resolves.toMatchObject({ id: 't1', name: 'C' });
  });

  it('automock: a jest.fn() per prototype method, inherited ones included', () => {
    class Child extends Repo {
      extra(): number {
        return 1;
      }
    }
    const m = automock(Child);
    expect(Object.keys(m).sort()).toEqual(['extra', 'find', 'manager', 'transaction']);
  });
});

describe('@clockwork/server-core/testing', () => {
  it('is imported by specs only, never by code that ships', () => {
    const root = join(__dirname, '../../../../..');
    const shipped: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) {
          if (entry.name !== 'node_modules' && entry.name !== 'testing' && !entry.name.endsWith('-e2e')) walk(path);
        } else if (/\.tsx?$/.test(entry.name) && !/\.spec\.tsx?$/.test(entry.name)) shipped.push(path);
      }
    };
    for (const top of ['apps', 'libs']) walk(join(root, top));
    expect(shipped.length).toBeGreaterThan(100);
    expect(shipped.filter((f) => readFileSync(f, 'utf8').includes('@clockwork/server-core/testing')).map((f) => relative(root, f))).toEqual([]);
  });
});

import 'reflect-metadata';
import { PROPERTY_DEPS_METADATA } from '@nestjs/common/constants';
import type { DataSource, EntityManager } from 'typeorm';
import { EntityManager as TypeOrmEntityManager } from 'typeorm';
import type Redis from 'ioredis';
import { DataSource as TypeOrmDataSource } from 'typeorm';
import type { Principal } from '../auth/principal.types';
import { RequestContext } from '../auth/request-context.store';
import { AuditWriter } from '../audit/audit.writer';
import { Env, loadEnv } from '../config/environment.config';
import type { EncryptedFields } from '../crypto/encrypted-fields.cipher';
import { ReadReplicas } from '../database/read-replicas.store';
import { Metrics } from '../metrics/metrics.service';
import { OutboxWriter } from '../outbox/outbox.writer';
import { RecordWriter } from '../records/record.writer';
import type { TenantRepository } from '../tenancy/tenant.repository';
import type { TenantBaseEntity } from '@clockwork/shared-entities';

/* eslint-disable @typescript-eslint/no-explicit-any -- constructors and mocks of any shape */
type Ctor<T = any> = abstract new (...args: any[]) => T;
type Token = Ctor | string | symbol;

/** The caller the services see: an admin of organization o1 unless a test says otherwise. */
export const TEST_PRINCIPAL: Principal = { kind: 'user', id: 'u1', organizationId: 'o1', role: 'admin' };

/** A caller of organization o1: a sales user `someone` unless `principal` says otherwise. */
export const testCaller = (principal: Partial<Principal> = {}): Principal => ({ kind: 'user', id: 'someone', organizationId: 'o1', role: 'sales', ...principal });

/**
 * A repository mock over one stored record: reads (findById, lockById) answer `stored`; insert
 * answers `make(values written)`, updateById `make({ ...stored, ...values written })`.
 */
export function mockStoredRecord<T extends TenantBaseEntity>(
  repository: Pick<jest.Mocked<TenantRepository<T>>, 'findById' | 'lockById' | 'insert' | 'updateById'>,
  stored: T,
  make: (values: Partial<T>) => T,
): void {
  repository.findById.mockResolvedValue(stored);
  repository.lockById.mockResolvedValue(stored);
  repository.insert.mockImplementation(async (_m, values) => make(values as unknown as Partial<T>));
  repository.updateById.mockImplementation(async (_m, _id, values) => make({ ...stored, ...(values as unknown as Partial<T>) }));
}

/** RequestContext without async-local storage: the principal is whatever the test set. */
export class TestRequestContext extends RequestContext {
  private current: Principal | undefined;
  requestIdValue: string | undefined = 'req-1';
  ipValue: string | undefined = '127.0.0.1';

  constructor(principal: Principal | null) {
    super();
    this.current = principal ?? undefined;
  }

  override get principal(): Principal | undefined {
    return this.current;
  }

  override get requestId(): string | undefined {
    return this.requestIdValue;
  }

  override get ip(): string | undefined {
    return this.ipValue;
  }

  override setPrincipal(principal: Principal | undefined): void {
    this.current = principal;
  }

  override async runAs<T>(principal: Principal, work: () => Promise<T>): Promise<T> {
    const previous = this.current;
    this.current = principal;
    try {
      return await work();
    } finally {
      this.current = previous;
    }
  }
}

/** The callback of `transaction(work)` or `transaction(isolationLevel, work)`. */
function runInTransaction(manager: EntityManager) {
  return (...args: unknown[]) => {
    const work = args.find((a) => typeof a === 'function') as (m: EntityManager) => unknown;
    return Promise.resolve().then(() => work(manager));
  };
}

/** Names that Jest, promises and printers probe on any object: never mocked on demand. */
const PROBED = new Set(['then', 'catch', 'finally', 'asymmetricMatch', 'toJSON', 'nodeType', 'tagName', 'inspect', 'constructor', 'length']);

/**
 * A jest.fn() for every method of `type` (its prototype chain, up to Object); its getters are
 * plain properties for the test to set. A method the prototype does not carry (an abstract
 * class's) is made a jest.fn() when first read. A method named `transaction` runs its callback
 * with `manager`, as DataSource's does, and a `manager` getter answers `manager`.
 */
export function automock<T>(type: Ctor<T>, manager?: EntityManager): jest.Mocked<T> {
  const mock = prototypeMock(type, manager);
  return new Proxy(mock, {
    get(target, name, receiver) {
      if (typeof name === 'string' && !(name in target) && !PROBED.has(name) && !/^(\$\$|@@|_)/.test(name)) target[name as never] = jest.fn() as never;
      return Reflect.get(target, name, receiver);
    },
  });
}

function prototypeMock<T>(type: Ctor<T>, manager?: EntityManager): jest.Mocked<T> {
  const mock: Record<string, unknown> = {};
  for (let proto = type.prototype; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      if (name === 'constructor' || name in mock) continue;
      const descriptor = Object.getOwnPropertyDescriptor(proto, name);
      if (typeof descriptor?.value === 'function') mock[name] = jest.fn();
      // A getter becomes a plain property the test sets (`manager` is the manager mock).
      else if (descriptor?.get) mock[name] = name === 'manager' ? manager : undefined;
    }
  }
  if (manager && typeof mock['transaction'] === 'function') (mock['transaction'] as jest.Mock).mockImplementation(runInTransaction(manager));
  return mock as jest.Mocked<T>;
}

export interface TestServiceOptions {
  /** The caller (default TEST_PRINCIPAL); null: no principal (a job before runAs, a public route). */
  principal?: Principal | null;
  /** Variables as the process would get them (validated by loadEnv, like the app's). */
  env?: Record<string, string>;
  /** Real or hand-made collaborators instead of the automatic mocks, by class or injection token. */
  provide?: [Token, unknown][];
}

export interface TestService<T> {
  /** The service under test. */
  sut: T;
  /** The typed mock given for a constructor parameter of this class (the same object every call). */
  mock<C>(type: Ctor<C>): jest.Mocked<C>;
  /** The mock given for a parameter injected by token (@Inject(TOKEN)). */
  mockToken<C>(token: string | symbol): jest.Mocked<C>;
  /** What every `transaction(work)` hands `work`; its own `transaction` runs the callback too. */
  manager: jest.Mocked<EntityManager>;
  dataSource: jest.Mocked<DataSource>;
  context: TestRequestContext;
  env: Env;
  /** The real Prometheus instruments (read them with `await metrics.x.get()`). */
  metrics: Metrics;
}

/**
 * Builds `Service` (immich's newTestService, for Nest services): each constructor parameter is
 * found from the class's design-time types (or its @Inject token) and given a typed mock, and so
 * is each dependency Nest injects into a property (a `@GatedProcess` processor's JobGate).
 * DataSource.transaction and any repository's `transaction` run the callback with one
 * EntityManager mock; RequestContext is a plain one with a settable principal; RecordWriter is
 * real, over mocks of AuditWriter and OutboxWriter; Env is loaded
 * from `options.env` as the app loads it; Metrics is real; ReadReplicas is real, with no replica (reads run on the mocked DataSource). For specs only.
 */
export function newTestService<T>(Service: Ctor<T>, options: TestServiceOptions = {}): TestService<T> {
  const manager = automock(TypeOrmEntityManager as Ctor<EntityManager>) as jest.Mocked<EntityManager>;
  (manager.transaction as jest.Mock).mockImplementation(runInTransaction(manager));
  const dataSource = automock(TypeOrmDataSource as Ctor<DataSource>, manager) as jest.Mocked<DataSource>;
  (dataSource as { manager: EntityManager }).manager = manager;
  const context = new TestRequestContext(options.principal === undefined ? TEST_PRINCIPAL : options.principal);
  const env = loadEnv({ NODE_ENV: 'test', ...options.env });
  const metrics = new Metrics(env, {} as Redis);
  // Without DATABASE_REPLICA_URLS every read runs on the primary: here the mocked DataSource.
  const replicas = new ReadReplicas(dataSource, env, {} as EncryptedFields, metrics, context, {} as Redis);

  const given = new Map<Token, unknown>([
    [TypeOrmDataSource, dataSource],
    [TypeOrmEntityManager, manager],
    [RequestContext, context],
    [Env, env],
    [Metrics, metrics],
    [ReadReplicas, replicas],
    ...(options.provide ?? []),
  ]);
  const types: unknown[] = Reflect.getMetadata('design:paramtypes', Service) ?? [];
  const injected: { index: number; param: Token }[] = Reflect.getMetadata('self:paramtypes', Service) ?? [];
  const tokens = types.map((type, index) => (injected.find((i) => i.index === index)?.param ?? type) as Token);
  if (tokens.length < Service.length) throw new Error(`newTestService: ${Service.name} has no design-time parameter types (is it @Injectable()?)`);

  const mockOf = (token: Ctor) => {
    if (!given.has(token)) given.set(token, automock(token, manager));
    return given.get(token);
  };
  const args = tokens.map((token, index) => {
    if (given.has(token)) return given.get(token);
    // A real RecordWriter over the mocked DataSource and context and mocks of AuditWriter and
    // OutboxWriter: a test reads what it recorded with mock(AuditWriter) and mock(OutboxWriter).
    if (token === RecordWriter) {
      given.set(token, new RecordWriter(dataSource, mockOf(AuditWriter) as AuditWriter, mockOf(OutboxWriter) as OutboxWriter, context));
      return given.get(token);
    }
    if (typeof token !== 'function' || token === Object) {
      throw new Error(`newTestService: give ${Service.name}'s parameter ${index} (${String(typeof token === 'function' ? token.name : token)}) with options.provide`);
    }
    return mockOf(token as Ctor);
  });

  const lookup = <C>(token: Token): jest.Mocked<C> => {
    if (!given.has(token)) throw new Error(`newTestService: ${Service.name} takes no ${typeof token === 'function' ? token.name : String(token)}`);
    return given.get(token) as jest.Mocked<C>;
  };
  const sut = new (Service as unknown as new (...a: unknown[]) => T)(...args);
  // What Nest injects into properties (the JobGate of a @GatedProcess processor) gets its mock too.
  const properties: { key: string | symbol; type: Token }[] = Reflect.getMetadata(PROPERTY_DEPS_METADATA, Service) ?? [];
  for (const { key, type } of properties) (sut as Record<string | symbol, unknown>)[key] = given.get(type) ?? mockOf(type as Ctor);
  return { sut, mock: lookup, mockToken: lookup, manager, dataSource, context, env, metrics };
}

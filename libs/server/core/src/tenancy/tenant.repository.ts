import { Inject, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { TenantBaseEntity } from '@clockwork/shared-entities';
import { DataSource, EntityManager, EntityTarget, FindOptionsWhere, ObjectLiteral, Repository, SelectQueryBuilder } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { PageQueryDto } from '@clockwork/shared-dto';
import { RequestContext } from '../auth/request-context.store';
import { escapeLike } from '../database/sql-text.util';
import { byCreation, ListOrder, listPage } from '../pagination/keyset.builder';

/** How `TenantRepository.page` narrows and orders a list. */
export interface PageOptions<T extends ObjectLiteral> {
  /** Adds the list's filters to the scoped query. */
  filter?: (qb: SelectQueryBuilder<T>) => unknown;
  /** The sortable fields and the default order (default: by creation, newest first). */
  order?: ListOrder<T>;
  /** Where to read (e.g. a replica's manager); default the primary. */
  manager?: EntityManager;
}

/**
 * The one place tenant data is scoped: every query made through a TenantRepository is limited
 * to the caller's organization, so a record of another organization is simply "not found".
 * Domain repositories extend it with named queries built on `scoped()`. Nest injects the data
 * source and the request context into these properties, so a repository's constructor names only
 * its table, its record's name and its own dependencies.
 */
export abstract class TenantRepository<T extends TenantBaseEntity> {
  @InjectDataSource() protected readonly dataSource!: DataSource;
  @Inject(RequestContext) protected readonly context!: RequestContext;

  protected constructor(
    private readonly entity: EntityTarget<T>,
    /** The record's name in a 404 message, e.g. "User". */
    private readonly label: string,
  ) {}

  protected get organizationId(): string {
    return this.context.organizationId;
  }

  protected repository(manager?: EntityManager): Repository<T> {
    return (manager ?? this.dataSource.manager).getRepository(this.entity);
  }

  /** A query builder already limited to the caller's organization. */
  protected scoped(alias: string, manager?: EntityManager): SelectQueryBuilder<T> {
    return this.repository(manager).createQueryBuilder(alias).where(`${alias}.organization_id = :organizationId`, { organizationId: this.organizationId });
  }

  /**
   * One page of the caller's rows: `filter` narrows the scoped query (alias `alias`), then it is
   * ordered by `query.sort` among `order`'s fields (newest first by default) and paged after `query.cursor`.
   */
  protected page<D>(alias: string, query: PageQueryDto, map: (row: T) => D, options: PageOptions<T> = {}): Promise<{ data: D[]; next_cursor: string | null }> {
    const qb = this.scoped(alias, options.manager);
    options.filter?.(qb);
    const order = options.order ?? byCreation<T>();
    return listPage(qb, alias, query, order.sorts, order.fallback, map);
  }

  findById(id: string, manager?: EntityManager): Promise<T | null> {
    return this.repository(manager).findOneBy({ organizationId: this.organizationId, id } as FindOptionsWhere<T>);
  }

  async getById(id: string, manager?: EntityManager): Promise<T> {
    const row = await this.findById(id, manager);
    if (!row) throw new NotFoundException(`${this.label} not found`);
    return row;
  }

  /** Locks the row for the rest of the transaction (read-modify-write), or 404. */
  async lockById(manager: EntityManager, id: string): Promise<T> {
    const row = await this.repository(manager).findOne({
      where: { organizationId: this.organizationId, id } as FindOptionsWhere<T>,
      lock: { mode: 'pessimistic_write' },
    });
    if (!row) throw new NotFoundException(`${this.label} not found`);
    return row;
  }

  async insert(manager: EntityManager, values: Omit<QueryDeepPartialEntity<T>, 'organizationId'>): Promise<T> {
    const row = this.repository(manager).create({ ...values, organizationId: this.organizationId } as unknown as T);
    await this.repository(manager).insert(row as QueryDeepPartialEntity<T>);
    return (await this.findById(row.id, manager)) as T;
  }

  async updateById(manager: EntityManager, id: string, values: QueryDeepPartialEntity<T>): Promise<T> {
    await this.repository(manager).update({ organizationId: this.organizationId, id } as FindOptionsWhere<T>, values);
    return this.getById(id, manager);
  }

  async deleteById(manager: EntityManager, id: string): Promise<void> {
    const result = await this.repository(manager).delete({ organizationId: this.organizationId, id } as FindOptionsWhere<T>);
    if (!result.affected) throw new NotFoundException(`${this.label} not found`);
  }
}

/** A name filter of a record list: names that contain `q` or are similar to it (trigram), when `q` is given. */
export function whereNameMatches<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, alias: string, q: string | undefined): SelectQueryBuilder<T> {
  return q ? qb.andWhere(`(${alias}.name ILIKE :like OR ${alias}.name % :q)`, { like: `%${escapeLike(q)}%`, q }) : qb;
}

/**
 * The equality filters of a list query: `alias.column = value` for each column whose value is
 * set (a missing or empty filter filters nothing).
 */
export function whereEquals<T extends object>(qb: SelectQueryBuilder<T>, alias: string, equals: Record<string, unknown>): SelectQueryBuilder<T> {
  for (const [column, value] of Object.entries(equals)) if (value) qb.andWhere(`${alias}.${column} = :eq_${column}`, { [`eq_${column}`]: value });
  return qb;
}

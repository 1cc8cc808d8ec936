import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { PageQueryDto } from '@clockwork/shared-dto';
import { CursorCast, CursorPosition, decodeCursor, parseSort, toPage } from './cursor.util';

/** A sortable field of a list: its column (snake_case, indexed after organization_id) and type. */
export interface SortField<R> {
  column: string;
  cast: CursorCast;
  /** The entity property the cursor value is read from. */
  property: keyof R;
  nullable?: boolean;
  /** An enum column sorted as text: the values a cursor may carry. */
  values?: readonly string[];
}

export type SortFields<R> = Record<string, SortField<R>>;

const cursorValue = (value: unknown): string | number | null =>
  value === null || value === undefined ? null : value instanceof Date ? value.toISOString() : typeof value === 'number' ? value : String(value);

/**
 * Orders by the sort field then id, and continues after the cursor's row (keyset pagination:
 * the 10,000th page costs what the first does). Nulls sort last in both directions.
 */
export function applyKeyset<R extends ObjectLiteral>(
  qb: SelectQueryBuilder<R>,
  alias: string,
  field: SortField<R>,
  direction: 'asc' | 'desc',
  after: CursorPosition | null,
): SelectQueryBuilder<R> {
  const col = `${alias}.${field.column}`;
  const dir = direction === 'asc' ? 'ASC' : 'DESC';
  const cmp = direction === 'asc' ? '>' : '<';
  qb.orderBy(col, dir, field.nullable ? 'NULLS LAST' : undefined).addOrderBy(`${alias}.id`, dir);
  if (!after) return qb;
  const params = { __cursorValue: after.value, __cursorId: after.id };
  if (after.value === null) return qb.andWhere(`(${col} IS NULL AND ${alias}.id ${cmp} :__cursorId::uuid)`, params);
  const tuple = `(${col}, ${alias}.id) ${cmp} (:__cursorValue::${field.cast}, :__cursorId::uuid)`;
  return qb.andWhere(field.nullable ? `(${tuple} OR ${col} IS NULL)` : tuple, params);
}

/**
 * One page of a filtered, organization-scoped query: validates `sort` against the allowed
 * fields, continues after `cursor`, fetches limit + 1 rows to know whether more follow.
 */
export async function listPage<R extends ObjectLiteral & { id: string }, D>(
  qb: SelectQueryBuilder<R>,
  alias: string,
  query: PageQueryDto,
  fields: SortFields<R>,
  fallback: `${string}:${'asc' | 'desc'}`,
  map: (row: R) => D,
): Promise<{ data: D[]; next_cursor: string | null }> {
  const [fallbackField, fallbackDir] = fallback.split(':') as [string, 'asc' | 'desc'];
  const sort = parseSort(query.sort, Object.keys(fields), { field: fallbackField, direction: fallbackDir });
  const field = fields[sort.field];
  const limit = query.limit ?? 50;
  applyKeyset(qb, alias, field, sort.direction, query.cursor ? decodeCursor(query.cursor, field) : null).limit(limit + 1);
  const rows = await qb.getMany();
  return toPage(rows, limit, (row) => ({ value: cursorValue(row[field.property]), id: row.id }), map);
}

/** Every row of a list, page by page (for CSV export of a filtered list). */
export async function* allPages<D>(fetch: (cursor: string | undefined) => Promise<{ data: D[]; next_cursor: string | null }>): AsyncGenerator<D[]> {
  let cursor: string | undefined;
  do {
    const page = await fetch(cursor);
    yield page.data;
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
}

/** How a list may be ordered: its sortable fields and the order it takes when `sort` is not given. */
export interface ListOrder<R> {
  sorts: SortFields<R>;
  fallback: `${string}:${'asc' | 'desc'}`;
}

/** The `created_at` field every tenant table has (a list's index puts it after organization_id and its filters). */
export const createdAtSort = <R extends { createdAt: Date }>(): SortField<R> => ({ column: 'created_at', cast: 'timestamptz', property: 'createdAt' as keyof R });

/** The `created_at` and `updated_at` fields every tenant table has: a record list sorted by when records were made or last changed. */
export const timestampSorts = <R extends { createdAt: Date; updatedAt: Date }>(): SortFields<R> => ({
  created_at: createdAtSort<R>(),
  updated_at: { column: 'updated_at', cast: 'timestamptz', property: 'updatedAt' as keyof R },
});

/** A list that is ordered by creation only: `sort=created_at:asc|desc`, newest first unless asked. */
export const byCreation = <R extends { createdAt: Date }>(fallback: 'asc' | 'desc' = 'desc'): ListOrder<R> => ({
  sorts: { created_at: createdAtSort<R>() },
  fallback: `created_at:${fallback}`,
});

import { BadRequestException } from '@nestjs/common';

/** A keyset position: the sort column's value and the id of the last row of a page. */
export interface CursorPosition {
  value: string | number | null;
  id: string;
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.value, position.id])).toString('base64url');
}

export function decodeCursor(cursor: string): CursorPosition {
  try {
    const [value, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof id !== 'string' || !/^[0-9a-f-]{36}$/i.test(id)) throw new Error('bad id');
    if (value !== null && typeof value !== 'string' && typeof value !== 'number') throw new Error('bad value');
    return { value, id };
  } catch {
    throw new BadRequestException({ message: 'cursor is not a cursor returned by this API', details: [{ field: 'cursor', errors: ['cursor is invalid'] }] });
  }
}

export interface SortSpec<F extends string> {
  field: F;
  direction: 'asc' | 'desc';
}

/** Parses `sort=field:asc|desc`, allowing only the given (indexed) fields. */
export function parseSort<F extends string>(sort: string | undefined, allowed: readonly F[], fallback: SortSpec<F>): SortSpec<F> {
  if (!sort) return fallback;
  const [field, direction = 'asc'] = sort.split(':');
  if (!allowed.includes(field as F) || !['asc', 'desc'].includes(direction)) {
    throw new BadRequestException({
      message: `sort must be one of ${allowed.map((f) => `${f}:asc|desc`).join(', ')}`,
      details: [{ field: 'sort', errors: [`sort must be one of ${allowed.join(', ')} with :asc or :desc`] }],
    });
  }
  return { field: field as F, direction: direction as 'asc' | 'desc' };
}

/**
 * Turns rows fetched with `limit + 1` into a page: the first `limit` rows, and a cursor at the
 * last of them when the extra row shows there is more.
 */
export function toPage<R, D>(rows: R[], limit: number, position: (row: R) => CursorPosition, map: (row: R) => D): { data: D[]; next_cursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { data: page.map(map), next_cursor: rows.length > limit && last !== undefined ? encodeCursor(position(last)) : null };
}

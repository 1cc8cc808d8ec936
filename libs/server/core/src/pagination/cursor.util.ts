import { BadRequestException } from '@nestjs/common';

/** A keyset position: the sort column's value and the id of the last row of a page. */
export interface CursorPosition {
  value: string | number | null;
  id: string;
}

/** The PostgreSQL type a cursor's value is compared as (`:value::<cast>`). */
export type CursorCast = 'timestamptz' | 'date' | 'text' | 'numeric' | 'integer' | 'uuid';

/** What a list's cursor must carry: the sort field's type, whether it may be null, and (enums) the allowed values. */
export interface CursorShape {
  cast: CursorCast;
  nullable?: boolean;
  values?: readonly string[];
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.value, position.id])).toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,6})?(?:Z|([+-])(\d{2}):(\d{2}))$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DECIMAL = /^-?\d{1,30}(\.\d{1,30})?$/;
/** PostgreSQL's integer range (the only integer sort columns are int4). */
const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

/** A real calendar day from year 1 to 9999 (PostgreSQL has no year 0; JS Date would roll 02-30 over). */
function isCalendarDay(y: number, m: number, d: number): boolean {
  if (y < 1 || m < 1 || m > 12 || d < 1) return false;
  const day = new Date(Date.UTC(2000, m - 1, d));
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return m === 2 ? d <= (leap ? 29 : 28) : day.getUTCMonth() === m - 1;
}

function isTimestamp(value: string): boolean {
  const m = TIMESTAMP.exec(value);
  if (!m) return false;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number);
  const offsetOk = m[7] === undefined || (Number(m[8]) <= 14 && Number(m[9]) < 60);
  return isCalendarDay(y, mo, d) && h < 24 && mi < 60 && s < 60 && offsetOk;
}

/** Whether `value` can be compared as `shape` in PostgreSQL without an error (the class of 500s a forged cursor caused). */
export function isCursorValue(value: unknown, shape: CursorShape): boolean {
  if (value === null) return shape.nullable === true;
  switch (shape.cast) {
    case 'timestamptz':
      return typeof value === 'string' && isTimestamp(value);
    case 'date': {
      const m = typeof value === 'string' ? DATE.exec(value) : null;
      return !!m && isCalendarDay(Number(m[1]), Number(m[2]), Number(m[3]));
    }
    case 'numeric':
      return (typeof value === 'number' && Number.isFinite(value)) || (typeof value === 'string' && DECIMAL.test(value));
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value) && value >= INT_MIN && value <= INT_MAX;
    case 'uuid':
      return typeof value === 'string' && UUID.test(value);
    case 'text':
      // PostgreSQL text cannot hold NUL; an enum's cursor holds one of its values.
      return typeof value === 'string' && value.length <= 1000 && !value.includes('\u0000') && (!shape.values || shape.values.includes(value));
  }
}

const invalidCursor = (reason: string) =>
  new BadRequestException({ message: `cursor is not a cursor returned by this API: ${reason}`, details: [{ field: 'cursor', errors: [`cursor ${reason}`] }] });

/**
 * Reads a cursor made by encodeCursor for a list sorted by a field of the given shape: a
 * base64url JSON array of exactly [value, id], the value of the sort field's type and the id a
 * UUID. Anything else, however it was forged, is a 400 naming `cursor` (never a database error).
 */
export function decodeCursor(cursor: string, shape: CursorShape): CursorPosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor('is not base64url JSON');
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) throw invalidCursor('must be a [value, id] pair');
  const [value, id] = parsed as [unknown, unknown];
  if (typeof id !== 'string' || !UUID.test(id)) throw invalidCursor('has an id that is not a UUID');
  if (!isCursorValue(value, shape)) throw invalidCursor(`has a value that is not a valid ${shape.values ? 'value of the sort field' : shape.cast}${shape.nullable ? ' or null' : ''}`);
  return { value: value as CursorPosition['value'], id };
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

/** How `rankedPage` orders rows: highest `score` first, ties by `id`; `cast` is what a cursor's score must be. */
export interface Ranking<R> {
  score: (row: R) => number;
  id: (row: R) => string;
  cast: 'numeric' | 'integer';
}

/**
 * One page of rows ranked in memory (scores computed now, not stored): highest score first,
 * ties by id, the rows after `query.cursor` (the [score, id] of the last row of the previous page).
 */
export function rankedPage<R>(rows: R[], query: { limit?: number; cursor?: string }, ranking: Ranking<R>): { data: R[]; next_cursor: string | null } {
  const { score, id } = ranking;
  const after = query.cursor ? decodeCursor(query.cursor, { cast: ranking.cast }) : null;
  const ranked = [...rows]
    .sort((a, b) => score(b) - score(a) || id(a).localeCompare(id(b)))
    .filter((r) => !after || score(r) < Number(after.value) || (score(r) === Number(after.value) && id(r) > after.id));
  return toPage(ranked, query.limit ?? 50, (r) => ({ value: score(r), id: id(r) }), (r) => r);
}

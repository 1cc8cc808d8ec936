export const ERASED = '[erased]';

/** Shorter values are not searched for (they would match unrelated text). */
const MIN_TERM_LENGTH = 3;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The personal values of a subject to look for in copies kept elsewhere: `contains` values
 * (full name, email, phone, note text) are removed wherever they occur inside a text; `exact`
 * values (a first name alone, an employee id) only where a whole JSON value equals them, so
 * "Ann" does not rewrite "Annual review".
 */
export class PersonalTerms {
  readonly contains: string[];
  readonly exact: string[];

  constructor(contains: (string | null | undefined)[], exact: (string | null | undefined)[] = []) {
    const clean = (values: (string | null | undefined)[]) =>
      [...new Set(values.map((v) => (v ?? '').trim()).filter((v) => v.length >= MIN_TERM_LENGTH))].sort((a, b) => b.length - a.length);
    this.contains = clean(contains);
    const lowerContains = new Set(this.contains.map((t) => t.toLowerCase()));
    this.exact = clean(exact).filter((t) => !lowerContains.has(t.toLowerCase()));
  }

  get empty(): boolean {
    return this.contains.length === 0 && this.exact.length === 0;
  }

  /** Every term, for a first coarse `ILIKE` filter of candidate rows. */
  get all(): string[] {
    return [...this.contains, ...this.exact];
  }

  /** The text with every `contains` term (any case) replaced by [erased]. */
  scrubText(text: string): string {
    let out = text;
    for (const term of this.contains) out = out.replace(new RegExp(escapeRegExp(term), 'gi'), ERASED);
    return out;
  }

  /** A JSON value with matching string leaves scrubbed (keys and structure kept). */
  scrubJson(value: unknown): unknown {
    if (typeof value === 'string') {
      if (this.exact.some((t) => t.toLowerCase() === value.trim().toLowerCase())) return ERASED;
      return this.scrubText(value);
    }
    if (Array.isArray(value)) return value.map((v) => this.scrubJson(v));
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.scrubJson(v)]));
    return value;
  }
}

/**
 * Every non-null leaf replaced by [erased], keys and structure kept (what was changed stays
 * visible, not to what). With `keepIds`, UUIDs under `id`/`*_id` keys stay (references, not
 * personal data) except `employee_id`, so consumers of the event still find the record.
 */
export function scrubAll(value: unknown, keepIds = false, key = ''): unknown {
  if (value === null || value === undefined) return value;
  if (Array.isArray(value)) return value.map((v) => scrubAll(v, keepIds, key));
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubAll(v, keepIds, k)]));
  if (keepIds && typeof value === 'string' && UUID.test(value) && (key === 'id' || (key.endsWith('_id') && key !== 'employee_id'))) return value;
  return ERASED;
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** LIKE pattern matching the term anywhere (escaping LIKE's own wildcards). */
export function likeAnywhere(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

import type { CustomFieldValue } from '@clockwork/shared-dto';
import type { CustomFieldDefinition } from '@clockwork/shared-entities';

export const MAX_TEXT_LENGTH = 2000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Definition = Pick<CustomFieldDefinition, 'key' | 'type' | 'options' | 'required'>;

/** A value that passed its field's check, or the message naming why not. */
export type ValueCheck = { ok: true; value: CustomFieldValue } | { ok: false; error: string };

const bad = (key: string, what: string): ValueCheck => ({ ok: false, error: `custom_fields.${key} ${what}` });
const good = (value: CustomFieldValue): ValueCheck => ({ ok: true, value });

/** A real calendar date written YYYY-MM-DD. */
export function isCalendarDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && !!url.hostname;
  } catch {
    return false;
  }
}

const hasAtMostDecimals = (n: number, decimals: number) => Math.abs(Math.round(n * 10 ** decimals) - n * 10 ** decimals) < 1e-6;

/**
 * Checks one value against its field's definition and normalizes it (text trimmed, an empty
 * text or empty multi_select is null, options deduplicated). Null always passes here; whether a
 * required field may be null is the caller's rule. User references are checked for existence
 * by the validator (it needs the database).
 */
export function checkValue(def: Definition, raw: unknown): ValueCheck {
  const key = def.key;
  if (raw === null) return good(null);
  switch (def.type) {
    case 'text': {
      if (typeof raw !== 'string') return bad(key, 'must be a string');
      const text = raw.trim();
      if (text.length > MAX_TEXT_LENGTH) return bad(key, `must be at most ${MAX_TEXT_LENGTH} characters`);
      return good(text === '' ? null : text);
    }
    case 'url': {
      if (typeof raw !== 'string') return bad(key, 'must be a string');
      const text = raw.trim();
      if (text === '') return good(null);
      if (text.length > MAX_TEXT_LENGTH || !isHttpUrl(text)) return bad(key, 'must be an http or https URL');
      return good(text);
    }
    case 'number':
      if (typeof raw !== 'number' || !Number.isFinite(raw)) return bad(key, 'must be a number');
      if (Math.abs(raw) > 1e15) return bad(key, 'must be between -1e15 and 1e15');
      return good(raw);
    case 'money':
      if (typeof raw !== 'number' || !Number.isFinite(raw) || !hasAtMostDecimals(raw, 2)) return bad(key, 'must be a number with at most 2 decimals');
      if (Math.abs(raw) > 1e13) return bad(key, 'must be between -1e13 and 1e13');
      return good(raw);
    case 'date':
      if (typeof raw !== 'string' || !isCalendarDate(raw)) return bad(key, 'must be a date written YYYY-MM-DD');
      return good(raw);
    case 'checkbox':
      if (typeof raw !== 'boolean') return bad(key, 'must be true or false');
      return good(raw);
    case 'single_select':
      if (typeof raw !== 'string') return bad(key, 'must be a string, one of its options');
      if (!def.options.includes(raw)) return bad(key, `must be one of its options: ${def.options.join(', ')}`);
      return good(raw);
    case 'multi_select': {
      if (!Array.isArray(raw) || raw.some((o) => typeof o !== 'string')) return bad(key, 'must be an array of its options');
      const unknown = raw.find((o) => !def.options.includes(o as string));
      if (unknown !== undefined) return bad(key, `has "${unknown}", not one of its options: ${def.options.join(', ')}`);
      const chosen = [...new Set(raw as string[])];
      return good(chosen.length === 0 ? null : chosen);
    }
    case 'user':
      if (typeof raw !== 'string' || !UUID.test(raw)) return bad(key, 'must be the id of a user of this organization');
      return good(raw.toLowerCase());
  }
}

/**
 * A `cf.<key>=value` list filter as the jsonb the records' `custom_fields` must contain
 * (`@>`, answered by the GIN index): the value typed like the field's (a number, a boolean),
 * a multi_select filter matching records that have that option among theirs.
 */
export function filterValue(def: Definition, text: string): ValueCheck {
  const key = def.key;
  const fail = (what: string): ValueCheck => ({ ok: false, error: `cf.${key} ${what}` });
  switch (def.type) {
    case 'number':
    case 'money': {
      const n = text.trim() === '' ? NaN : Number(text);
      return Number.isFinite(n) ? good(n) : fail('must be a number');
    }
    case 'checkbox':
      return text === 'true' ? good(true) : text === 'false' ? good(false) : fail('must be true or false');
    case 'date':
      return isCalendarDate(text) ? good(text) : fail('must be a date written YYYY-MM-DD');
    case 'single_select':
      return def.options.includes(text) ? good(text) : fail(`must be one of its options: ${def.options.join(', ')}`);
    case 'multi_select':
      return def.options.includes(text) ? good([text]) : fail(`must be one of its options: ${def.options.join(', ')}`);
    case 'user':
      return UUID.test(text) ? good(text.toLowerCase()) : fail('must be a user id');
    default:
      return good(text);
  }
}

// The list pages the HTTP limit serves: the api's default order of each list (newest first, then
// id), the same keyset condition and cursor (the api's own encode/decode), the same columns and
// wire shape as the api's mappers (toContactDto, toDealDto, toTimeEntryDto). The cursor is the
// api's format (base64url JSON [value, id]), checked as strictly (a UUID and an ISO timestamp).
// `cf.<key>=value` filters are the api's jsonb containment (`custom_fields @> {...}`), with every
// value a string (the bench filters a single select and a text field).
import type { Pool } from 'pg';
import { preparedName } from './prepared-name';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$/;

const encodeCursor = (position: { value: unknown; id: string }) => Buffer.from(JSON.stringify([position.value, position.id])).toString('base64url');

function decodeCursor(cursor: string): { value: string; id: string } {
  const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!Array.isArray(parsed) || parsed.length !== 2) throw new Error('cursor must be a [value, id] pair');
  const [value, id] = parsed as unknown[];
  if (typeof id !== 'string' || !UUID.test(id)) throw new Error('cursor has an id that is not a UUID');
  if (typeof value !== 'string' || !TIMESTAMP.test(value) || Number.isNaN(Date.parse(value))) throw new Error('cursor has a value that is not a valid timestamptz');
  return { value, id };
}

type Row = Record<string, unknown>;
type Decrypt = (value: string | null, aad: string) => string | null;

export interface LimitList {
  table: string;
  sortColumn: string;
  columns: string[];
  wire(row: Row, decrypt: Decrypt): Row;
}

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v === null || v === undefined ? null : String(v));

const CONTACT_COLUMNS = ['id', 'organization_id', 'account_id', 'first_name', 'last_name', 'email', 'phone', 'job_title', 'owner_id', 'tags', 'metadata', 'custom_fields', 'version', 'created_at', 'updated_at'];
const DEAL_COLUMNS = [
  'id', 'account_id', 'name', 'description', 'value', 'currency', 'pipeline_id', 'stage', 'owner_id', 'start_date', 'end_date', 'closed_at', 'close_reason', 'metadata',
  'custom_fields', 'hours_budget', 'money_budget', 'budget_period', 'billing_model', 'retainer_hours_per_month', 'retainer_price_cents', 'retainer_overage_rate_cents',
  'retainer_rollover_months', 'retainer_starts_on', 'version', 'created_at', 'updated_at',
];
/** TIME_ENTRY_FIELDS' wire order; `time` fields are ISO, the score a number. */
const TIME_ENTRY_COLUMNS = [
  'id', 'external_id', 'user_id', 'employee_id', 'deal_id', 'task_id', 'account_id', 'project_name', 'tags', 'start_time', 'end_time', 'duration_seconds',
  'activity_type', 'productivity_score', 'source', 'mapping_status', 'mapping_rule', 'unmapped_reason', 'sync_status', 'billable', 'source_updated_at', 'version',
  'created_at', 'updated_at',
];
const TIME_ENTRY_TIMES = new Set(['start_time', 'end_time', 'source_updated_at', 'created_at', 'updated_at']);

export const LIMIT_LISTS: Record<string, LimitList> = {
  '/api/v1/contacts': {
    table: 'contacts',
    sortColumn: 'created_at',
    columns: CONTACT_COLUMNS,
    wire: (c, decrypt) => {
      const aad = (column: string) => `contacts:${c.organization_id}:${c.id}:${column}`;
      return {
        id: c.id, account_id: c.account_id, first_name: c.first_name, last_name: c.last_name,
        email: decrypt(c.email as string | null, aad('email')), phone: decrypt(c.phone as string | null, aad('phone')),
        job_title: c.job_title, owner_id: c.owner_id, tags: c.tags, metadata: c.metadata, custom_fields: c.custom_fields, version: c.version,
        created_at: iso(c.created_at), updated_at: iso(c.updated_at),
      };
    },
  },
  '/api/v1/deals': {
    table: 'deals',
    sortColumn: 'created_at',
    columns: DEAL_COLUMNS,
    wire: (d) => ({
      id: d.id, account_id: d.account_id, name: d.name, description: d.description, value: d.value, currency: d.currency, pipeline_id: d.pipeline_id,
      stage: d.stage, owner_id: d.owner_id, start_date: d.start_date, end_date: d.end_date, closed_at: iso(d.closed_at), close_reason: d.close_reason,
      metadata: d.metadata, custom_fields: d.custom_fields, hours_budget: d.hours_budget, money_budget: d.money_budget, budget_period: d.budget_period,
      billing_model: d.billing_model,
      retainer:
        d.billing_model === 'retainer' && d.retainer_starts_on
          ? {
              hours_per_month: d.retainer_hours_per_month, price_cents: Number(d.retainer_price_cents), overage_rate_cents: Number(d.retainer_overage_rate_cents),
              rollover_months: d.retainer_rollover_months, starts_on: d.retainer_starts_on,
            }
          : null,
      version: d.version, created_at: iso(d.created_at), updated_at: iso(d.updated_at),
    }),
  },
  '/api/v1/time-entries': {
    table: 'time_entries',
    sortColumn: 'start_time',
    columns: TIME_ENTRY_COLUMNS,
    wire: (e) => {
      const dto: Row = {};
      for (const column of TIME_ENTRY_COLUMNS) {
        const v = e[column];
        dto[column] = TIME_ENTRY_TIMES.has(column) ? iso(v) : column === 'productivity_score' ? Number(v) : v;
      }
      return dto;
    },
  },
};

/**
 * The statement of a list's first page, or of a page after a cursor: named (unless prepared
 * statements are off), so PostgreSQL plans it once per connection. With custom field filters it
 * is unnamed, planned for each value as the api's are: a generic plan cannot tell a filter 1 row
 * in 3,000 match from one half of them match.
 */
function statement(spec: LimitList, after: boolean, filtered: boolean, limit: number): { name?: string; text: string } {
  const keyset = after ? `AND (${spec.sortColumn}, id) < ($2::timestamptz, $3::uuid)` : '';
  const contains = filtered ? `AND custom_fields @> $${after ? 4 : 2}::jsonb` : '';
  return {
    name: filtered ? undefined : preparedName(`${spec.table}_${after ? 'after' : 'first'}_${limit}`),
    text: `SELECT ${spec.columns.join(', ')} FROM ${spec.table} WHERE organization_id = $1 ${keyset} ${contains} ORDER BY ${spec.sortColumn} DESC, id DESC LIMIT ${limit + 1}`,
  };
}

/** The `cf.<key>=value` filters of a query as one containment document, or null without any. */
function customFieldFilter(query: URLSearchParams): string | null {
  const filters = [...query].filter(([name]) => name.startsWith('cf.')).map(([name, value]) => [name.slice(3), value]);
  return filters.length ? JSON.stringify(Object.fromEntries(filters)) : null;
}

/** One page `{ data, next_cursor }` as the api answers it, or the reason the query is refused. */
export async function pageOf(pool: Pool, spec: LimitList, organizationId: string, query: URLSearchParams, decrypt: Decrypt): Promise<{ data: Row[]; next_cursor: string | null } | { error: string }> {
  const limit = Number(query.get('limit') ?? 50);
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) return { error: 'limit must be a whole number from 1 to 200' };
  const cursor = query.get('cursor');
  let after: { value: unknown; id: string } | null = null;
  try {
    after = cursor ? decodeCursor(cursor) : null;
  } catch (e) {
    return { error: (e as Error).message };
  }
  const contains = customFieldFilter(query);
  const values = [organizationId, ...(after ? [after.value, after.id] : []), ...(contains ? [contains] : [])];
  const { rows } = await pool.query<Row>({ ...statement(spec, after !== null, contains !== null, limit), values });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const next = rows.length > limit && last ? encodeCursor({ value: iso(last[spec.sortColumn]), id: last.id as string }) : null;
  return { data: page.map((row) => spec.wire(row, decrypt)), next_cursor: next };
}

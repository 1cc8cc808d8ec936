import { isAuditedField } from '@clockwork/server-core';
import type { TimeEntryDto } from '@clockwork/shared-dto';
import type { TimeEntry } from '@clockwork/shared-entities';
import type { MappingResult } from './matching/matching.types';
import type { NormalizedEntry } from './ingestion/time-entry.rules';

/**
 * The one table of a time entry's fields: each column of `time_entries` in the wire shape's
 * order, how its value is written on the wire, whether the audit log records it, how ingestion
 * stores it, and whether a change of it re-maps the entry (its event). toTimeEntryDto, the
 * SQL of batch ingestion (ingestion/time-entry-ingest.sql.ts, snapshots in ingestion/sql) and
 * eventTypeOf are all made from it. Input validation is CreateTimeEntryDto's decorators.
 */

/** How a value is written in the wire shape: as is, as an ISO-8601 UTC date-time, or the numeric score as a number. */
export type WireKind = 'uuid' | 'json' | 'number' | 'boolean' | 'time' | 'score';
/** How an agent's update of a stored entry (same external_id, newer) writes the column: its value, the value unless a manager assigned it by hand, or never. */
export type OnUpdate = 'replace' | 'keep_manual' | 'never';
/** The columns batch ingestion writes: an entry's normalized fields and its mapping. */
export type IngestedColumn = keyof NormalizedEntry | keyof MappingResult;

export interface TimeEntryField {
  column: string;
  wire: keyof TimeEntryDto;
  property: keyof TimeEntry;
  kind: WireKind;
  /** auditDiff records its changes (AuditWriter's rule: bookkeeping columns are not). */
  audited: boolean;
  /** A change of it makes the write's event `time_entry.<mapping_status>` rather than `time_entry.updated`. */
  remaps: boolean;
}

const WIRE: [keyof TimeEntryDto, WireKind, remaps?: 'remaps'][] = [
  ['id', 'uuid'], ['external_id', 'json'], ['user_id', 'uuid'], ['employee_id', 'json'], ['deal_id', 'uuid', 'remaps'], ['task_id', 'uuid', 'remaps'],
  ['account_id', 'uuid'], ['project_name', 'json'], ['tags', 'json'], ['start_time', 'time'], ['end_time', 'time'], ['duration_seconds', 'number'],
  ['activity_type', 'json'], ['productivity_score', 'score'], ['source', 'json'], ['mapping_status', 'json', 'remaps'], ['mapping_rule', 'json'],
  ['unmapped_reason', 'json'], ['sync_status', 'json'], ['billable', 'boolean'], ['source_updated_at', 'time'], ['version', 'number'],
  ['created_at', 'time'], ['updated_at', 'time'],
];

const camel = (column: string) => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** Every field of the wire shape, in its order (the column and the wire name are the same). */
export const TIME_ENTRY_FIELDS: readonly TimeEntryField[] = WIRE.map(([wire, kind, remaps]) => ({
  column: wire,
  wire,
  property: camel(wire) as keyof TimeEntry,
  kind,
  audited: isAuditedField(wire),
  remaps: remaps === 'remaps',
}));

/** Every column of `time_entries`, named (statements kept prepared must not select `*`: a column added by a migration would break them). */
export const TIME_ENTRY_COLUMNS: readonly string[] = ['organization_id', ...TIME_ENTRY_FIELDS.map((f) => f.column), 'approved_timesheet_id'];

/** The columns ingestion writes: their PostgreSQL type (of the JSON it sends) and what an update does (a Record: TypeScript refuses a column missing here). */
const ingested = (type: string, onUpdate: OnUpdate, insert?: (value: string) => string) => ({ type, onUpdate, insert });
export const INGESTED_COLUMNS: Record<IngestedColumn, { type: string; onUpdate: OnUpdate; insert?: (value: string) => string }> = {
  external_id: ingested('text', 'never'), user_id: ingested('uuid', 'replace'), employee_id: ingested('text', 'replace'),
  deal_id: ingested('uuid', 'keep_manual'), task_id: ingested('uuid', 'keep_manual'), account_id: ingested('uuid', 'keep_manual'),
  project_name: ingested('text', 'replace'), tags: ingested('text[]', 'replace', (v) => `coalesce(${v}, '{}')`),
  start_time: ingested('timestamptz', 'replace'), end_time: ingested('timestamptz', 'replace'), duration_seconds: ingested('int', 'replace'),
  activity_type: ingested('text', 'replace'), productivity_score: ingested('numeric', 'replace'), source: ingested('text', 'replace'),
  mapping_status: ingested('text', 'keep_manual'), mapping_rule: ingested('text', 'keep_manual'), unmapped_reason: ingested('text', 'keep_manual'),
  source_updated_at: ingested('timestamptz', 'replace'), billable: ingested('boolean', 'replace'),
};

const iso = (d: Date | string) => new Date(d).toISOString();
/** The wire value of a column's value, by kind (TypeScript). */
const asIs = (v: unknown) => v;
export const TO_WIRE: Record<WireKind, (value: unknown) => unknown> = {
  uuid: asIs, json: asIs, number: asIs, boolean: asIs,
  time: (v) => (v === null || v === undefined ? null : iso(v as Date | string)),
  score: (v) => Number(v),
};

/** The JSON text of a column's value, by kind (SQL; 'null' when NULL): what TO_WIRE gives, serialized. */
export function jsonTextSql(column: string, kind: WireKind): string {
  const text = {
    uuid: `'"' || ${column} || '"'`,
    json: `to_json(${column})::text`,
    number: `${column}::text`,
    boolean: `${column}::text`,
    time: `'"' || to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '"'`,
    score: `${column}::float8::text`,
  }[kind];
  return `coalesce(${text}, 'null')`;
}

import type { TimeEntryDto } from '@clockwork/shared-dto';
import type { TimeEntry } from '@clockwork/shared-entities';
import { jsonTextSql, TIME_ENTRY_FIELDS, TO_WIRE } from './time-entry.fields';

/** The wire shape of a time entry (snake_case, ISO timestamps, score as a number), field by field as TIME_ENTRY_FIELDS says. */
export function toTimeEntryDto(e: TimeEntry): TimeEntryDto {
  const dto: Record<string, unknown> = {};
  for (const f of TIME_ENTRY_FIELDS) dto[f.wire] = TO_WIRE[f.kind](e[f.property]);
  return dto as unknown as TimeEntryDto;
}

/** The wire shape for a caller who may not see productivity scores (sales, support): the score is null. */
export function toTimeEntryDtoWithoutScore(e: TimeEntry): TimeEntryDto {
  return { ...toTimeEntryDto(e), productivity_score: null };
}

/**
 * The event of a stored write: a new entry is `time_entry.mapped|unmapped`; an update is
 * `time_entry.mapped|unmapped` when a field that re-maps it changed (TIME_ENTRY_FIELDS'
 * `remaps`), else `time_entry.updated`. In SQL: eventTypeSql below.
 */
export function eventTypeOf(after: TimeEntry, before?: TimeEntry): string {
  const remapped = !before || TIME_ENTRY_FIELDS.some((f) => f.remaps && before[f.property] !== after[f.property]);
  return remapped ? `time_entry.${after.mappingStatus}` : 'time_entry.updated';
}

/** eventTypeOf in SQL, of rows `after` and `before` (all NULL before a created entry). */
export function eventTypeSql(after: string, before: string): string {
  const remapped = TIME_ENTRY_FIELDS.filter((f) => f.remaps).map((f) => `${before}.${f.column} IS DISTINCT FROM ${after}.${f.column}`);
  return `CASE WHEN ${before}.id IS NULL OR ${remapped.join(' OR ')}\n                THEN 'time_entry.' || ${after}.mapping_status ELSE 'time_entry.updated' END`;
}

/**
 * For statements that write outbox payloads and audit diffs from the rows they store (the e2e
 * test of batch ingestion compares them with toTimeEntryDto and auditDiff): per field of the
 * wire shape, the JSON text of row `alias`'s value, as columns named `${prefix}<field>`. Select
 * them once (in a CTE), then build from them with jsonObjectSql and AuditWriter.changesSql.
 */
export function timeEntryJsonColumnsSql(alias: string, prefix: string): string {
  const columns = TIME_ENTRY_FIELDS.map((f) => `${jsonTextSql(`${alias}.${f.column}`, f.kind)} AS ${prefix}${f.wire}`);
  // five a line: the statement selects the list twice (after, before), one line a field would show it twice in review
  const lines = Array.from({ length: Math.ceil(columns.length / 5) }, (_, i) => columns.slice(i * 5, i * 5 + 5).join(', '));
  return lines.join(',\n         ');
}

const camelOf = new Map<string, string>();
const camel = (column: string): string => {
  let name = camelOf.get(column);
  if (name === undefined) camelOf.set(column, (name = column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())));
  return name;
};

/** A raw `time_entries` row (snake_case, from a RETURNING clause) as the entity. */
export function rowToEntity(row: Record<string, unknown>): TimeEntry {
  const entity: Record<string, unknown> = {};
  for (const column in row) entity[camel(column)] = row[column];
  return entity as unknown as TimeEntry;
}

/** The CSV columns of a time-entry export, in order. */
export const TIME_ENTRY_CSV_COLUMNS: (keyof TimeEntryDto)[] = [
  'id', 'external_id', 'start_time', 'end_time', 'duration_seconds', 'user_id', 'employee_id', 'deal_id', 'task_id', 'account_id',
  'project_name', 'tags', 'activity_type', 'productivity_score', 'source', 'billable', 'mapping_status', 'mapping_rule', 'unmapped_reason', 'sync_status', 'created_at', 'updated_at',
];

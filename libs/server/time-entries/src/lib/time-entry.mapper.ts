import { isAuditedField } from '@clockwork/server-core';
import type { TimeEntryDto } from '@clockwork/shared-dto';
import type { TimeEntry } from '@clockwork/shared-entities';

const iso = (d: Date | string) => new Date(d).toISOString();

/** The wire shape of a time entry (snake_case, ISO timestamps, score as a number); in SQL: timeEntryJsonColumnsSql below. */
export function toTimeEntryDto(e: TimeEntry): TimeEntryDto {
  return { ...entryDto(e) };
}

/** The wire shape for a caller who may not see productivity scores (sales, support): the score is null. */
export function toTimeEntryDtoWithoutScore(e: TimeEntry): TimeEntryDto {
  return { ...entryDto(e), productivity_score: null };
}

function entryDto(e: TimeEntry): TimeEntryDto {
  return {
    id: e.id,
    external_id: e.externalId,
    user_id: e.userId,
    employee_id: e.employeeId,
    deal_id: e.dealId,
    task_id: e.taskId,
    account_id: e.accountId,
    project_name: e.projectName,
    tags: e.tags,
    start_time: iso(e.startTime),
    end_time: iso(e.endTime),
    duration_seconds: e.durationSeconds,
    activity_type: e.activityType,
    productivity_score: Number(e.productivityScore),
    source: e.source,
    mapping_status: e.mappingStatus,
    mapping_rule: e.mappingRule,
    unmapped_reason: e.unmappedReason,
    sync_status: e.syncStatus,
    billable: e.billable,
    source_updated_at: e.sourceUpdatedAt ? iso(e.sourceUpdatedAt) : null,
    version: e.version,
    created_at: iso(e.createdAt),
    updated_at: iso(e.updatedAt),
  };
}

/** How a column of `time_entries` is written in the wire shape. */
type JsonKind = 'uuid' | 'json' | 'number' | 'boolean' | 'time' | 'score';
/** The fields of toTimeEntryDto, in its order, as columns of `time_entries` (kept in step with it). */
const DTO_COLUMNS: [string, JsonKind][] = [
  ['id', 'uuid'], ['external_id', 'json'], ['user_id', 'uuid'], ['employee_id', 'json'], ['deal_id', 'uuid'], ['task_id', 'uuid'], ['account_id', 'uuid'],
  ['project_name', 'json'], ['tags', 'json'], ['start_time', 'time'], ['end_time', 'time'], ['duration_seconds', 'number'], ['activity_type', 'json'],
  ['productivity_score', 'score'], ['source', 'json'], ['mapping_status', 'json'], ['mapping_rule', 'json'], ['unmapped_reason', 'json'], ['sync_status', 'json'],
  ['billable', 'boolean'], ['source_updated_at', 'time'], ['version', 'number'], ['created_at', 'time'], ['updated_at', 'time'],
];

/** SQL text of the JSON of one column's value ('null' when NULL). */
function jsonTextSql(column: string, kind: JsonKind): string {
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

/**
 * For statements that write outbox payloads and audit diffs from the rows they store (the e2e
 * test of batch ingestion compares them with toTimeEntryDto and auditDiff): per field of the
 * wire shape, the JSON text of row `alias`'s value, as columns named `${prefix}<field>`. Select
 * them once (in a CTE), then build from them with the two functions below.
 */
export function timeEntryJsonColumnsSql(alias: string, prefix: string): string {
  return DTO_COLUMNS.map(([c, kind]) => `${jsonTextSql(`${alias}.${c}`, kind)} AS ${prefix}${c}`).join(', ');
}

/** toTimeEntryDto as jsonb, from the columns of timeEntryJsonColumnsSql (the JSON texts the audit diff uses too). */
export function timeEntryDtoFromJsonSql(prefix: string): string {
  return `('{' || ${DTO_COLUMNS.map(([c]) => `'"${c}":' || ${prefix}${c}`).join(` || ',' || `)} || '}')::jsonb`;
}

/**
 * auditDiff(toTimeEntryDto(before), toTimeEntryDto(after)) as jsonb, from the columns of
 * timeEntryJsonColumnsSql of both rows (all 'null' before a created entry): `{ field: { from, to } }`
 * for each audited field whose JSON differs, as auditDiff compares them.
 */
export function timeEntryAuditChangesFromJsonSql(before: string, after: string): string {
  const changed = DTO_COLUMNS.filter(([c]) => isAuditedField(c)).map(
    ([c]) => `CASE WHEN ${before}${c} <> ${after}${c} THEN ',"${c}":{"from":' || ${before}${c} || ',"to":' || ${after}${c} || '}' ELSE '' END`,
  );
  return `('{' || substr(${changed.join(' || ')}, 2) || '}')::jsonb`;
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

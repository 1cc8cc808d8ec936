import type { TimeEntryDto } from '@clockwork/shared-dto';
import type { TimeEntry } from '@clockwork/shared-entities';

const iso = (d: Date | string) => new Date(d).toISOString();

/** The wire shape of a time entry (snake_case, ISO timestamps, score as a number). */
export function toTimeEntryDto(e: TimeEntry): TimeEntryDto {
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

/** A raw `time_entries` row (snake_case, from a RETURNING clause) as the entity. */
export function rowToEntity(row: Record<string, unknown>): TimeEntry {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()), v])) as unknown as TimeEntry;
}

/** The CSV columns of a time-entry export, in order. */
export const TIME_ENTRY_CSV_COLUMNS: (keyof TimeEntryDto)[] = [
  'id', 'external_id', 'start_time', 'end_time', 'duration_seconds', 'user_id', 'employee_id', 'deal_id', 'task_id', 'account_id',
  'project_name', 'tags', 'activity_type', 'productivity_score', 'source', 'billable', 'mapping_status', 'mapping_rule', 'unmapped_reason', 'sync_status', 'created_at', 'updated_at',
];

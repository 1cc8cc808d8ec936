import { isoOrNull, versionAndTimestamps } from '@clockwork/server-core';
import type { CustomFieldValues, TaskDto } from '@clockwork/shared-dto';
import type { Task } from '@clockwork/shared-entities';


/** The wire shape of a task (snake_case, ISO timestamps, hours as a decimal string). */
export function toTaskDto(t: Task): TaskDto {
  return {
    id: t.id,
    deal_id: t.dealId,
    title: t.title,
    description: t.description,
    assigned_to: t.assignedTo,
    status: t.status,
    priority: t.priority,
    due_date: isoOrNull(t.dueDate),
    estimated_hours: t.estimatedHours,
    completed_at: isoOrNull(t.completedAt),
    created_by: t.createdBy,
    custom_fields: t.customFields as CustomFieldValues,
    ...versionAndTimestamps(t),
  };
}

/** The CSV columns of a task export, in order. */
export const TASK_CSV_COLUMNS: (keyof TaskDto)[] = [
  'id',
  'title',
  'description',
  'status',
  'priority',
  'deal_id',
  'assigned_to',
  'due_date',
  'estimated_hours',
  'completed_at',
  'created_by',
  'custom_fields',
  'created_at',
  'updated_at',
];

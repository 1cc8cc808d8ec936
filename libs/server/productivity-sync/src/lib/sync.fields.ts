/** The values the CRM pushes for a record, and the last synced copy of them (the snapshot). */
export type SyncValues = Record<string, unknown>;

/** A task as the push and the inbound sync read it (with its assignee's linked employee). */
export interface TaskForSync {
  id: string;
  title: string;
  description: string | null;
  status: string;
  priority: string;
  due_date: Date | null;
  estimated_hours: string | null;
  deal_id: string | null;
  assigned_to: string | null;
  assignee_employee_id: string | null;
  updated_at: Date;
}

/** A deal as the push reads it (with its owner's linked employee). */
export interface DealForSync {
  id: string;
  name: string;
  description: string | null;
  stage: string;
  /** The kind of the stage in the deal's pipeline: open, won or lost. */
  stage_kind: 'open' | 'won' | 'lost';
  value: string;
  currency: string;
  start_date: string | null;
  end_date: string | null;
  owner_employee_id: string | null;
  updated_at: Date;
}

/** The task fields the productivity platform may change (`task.updated`); conflicts are found on these. */
export const INBOUND_TASK_FIELDS = ['title', 'status', 'due_date'] as const;
export type InboundTaskField = (typeof INBOUND_TASK_FIELDS)[number];

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
/** A date as the wire carries it (ISO-8601 UTC), so both sides compare equal. */
export const normalizeDate = (value: string | null) => (value === null ? null : new Date(value).toISOString());

export function taskValues(t: TaskForSync): SyncValues {
  return {
    title: t.title,
    description: t.description,
    status: t.status,
    priority: t.priority,
    due_date: iso(t.due_date),
    estimated_hours: t.estimated_hours,
    project_id: t.deal_id,
    assignee_employee_id: t.assignee_employee_id,
  };
}

export function dealValues(d: DealForSync): SyncValues {
  return {
    name: d.name,
    description: d.description,
    stage: d.stage,
    status: d.stage_kind,
    value: d.value,
    currency: d.currency.trim(),
    start_date: d.start_date,
    end_date: d.end_date,
    owner_employee_id: d.owner_employee_id,
  };
}

export const sameValue = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Every field of `current` equals the snapshot's (nothing new to push). */
export function sameValues(current: SyncValues, snapshot: SyncValues | null): boolean {
  if (!snapshot) return false;
  return Object.keys(current).every((k) => sameValue(current[k], snapshot[k]));
}

import type { AccountChurnRiskChangedPayload, AccountDto, DealHealthChangedPayload, ActivityDto, LoggedEmailSummaryDto, ContactDto, DealBudgetThresholdPayload, DealDto, DealStage, ImportKindName, InvoiceEventPayload, MappingRuleDto, TaskDto, TimeEntryDto, TimesheetDto, DealMilestoneDto, PipelineDto } from '@clockwork/shared-dto';

/** What one event type is: its aggregate, its payload's type (named for docs/events.md), whether subscribers get it, when it is recorded. */
export interface DomainEventSpec<P = unknown> {
  aggregate: string;
  /** The payload's type as docs/events.md names it; `P` is the type itself. */
  payload: string;
  /** Sent to webhook subscribers that asked for it (docs/api-contract.md, WEBHOOK_EVENT_NAMES). */
  webhook: boolean;
  /** When it is recorded (the writer's words, for docs/events.md). */
  when: string;
  /** Only carries `P` for the type system; never set. */
  readonly payloadType?: P;
}

const spec = <P>(aggregate: string, payload: string, webhook: boolean, when: string): DomainEventSpec<P> => ({ aggregate, payload, webhook, when });

/** The payload of an event about a deleted record. */
export interface DeletedPayload {
  id: string;
}

/** `email.matched`: the records a logged email was linked to (by matching or by assignment). */
export interface EmailMatchedPayload {
  id: string;
  contact_ids: string[];
  account_ids: string[];
  deal_ids: string[];
}

/** `contact.erased`: the contact's personal data was erased (GDPR). */
export interface ContactErasedPayload {
  id: string;
  erased_at: string;
}

/** `deal.stage_changed`: the deal after the change, the stages it moved between and the pipeline it came from (pipeline_id: where it is now). */
export type DealStageChangedPayload = DealDto & { from_stage: DealStage; to_stage: DealStage; from_pipeline_id: string };

/** `task.overdue` and `task.idle`: the task when its alert episode opened. */
export interface TaskAlertPayload {
  task_id: string;
  episode_id: string;
  title: string;
  status: string;
  priority: string;
  due_date: string | null;
  deal_id: string | null;
  assigned_to: string | null;
  status_changed_at: string | null;
  /** `task.idle` only. */
  idle_hours?: number;
}

/** `bulk_edit.created`: a bulk edit too large for one request was accepted and waits for the worker. */
export interface BulkEditCreatedPayload {
  id: string;
  kind: string;
  total: number;
}

/** `import.created`: a CSV import was accepted and waits for the worker. */
export interface ImportCreatedPayload {
  id: string;
  kind: ImportKindName;
  file_name: string;
}

/**
 * Every domain event the product records in the outbox, once: its aggregate, its payload type
 * and whether it goes out to webhook subscribers. Handlers name these types
 * (`@OnDomainEvent('deal.closed')`, `eventsOf('time_entry')`); docs/events.md is generated from
 * this table and the handlers (`npm run events:doc`), and a test keeps it current.
 */
export const DOMAIN_EVENTS = {
  'account.created': spec<AccountDto>('account', 'AccountDto', true, 'an account is created (POST /accounts, CSV import)'),
  'account.updated': spec<AccountDto>('account', 'AccountDto', true, 'an account is changed (PATCH /accounts/{id}, CSV import)'),
  'account.deleted': spec<DeletedPayload>('account', 'DeletedPayload', true, 'an account is deleted'),
  'account.churn_risk_changed': spec<AccountChurnRiskChangedPayload>('account', 'AccountChurnRiskChangedPayload', true, "the insights scoring (nightly and after an on-demand training) finds an account's churn risk in another band than at its last run"),
  'contact.created': spec<ContactDto>('contact', 'ContactDto', true, 'a contact is created (POST /contacts, CSV import)'),
  'contact.updated': spec<ContactDto>('contact', 'ContactDto', true, 'a contact is changed (PATCH /contacts/{id}, CSV import)'),
  'contact.deleted': spec<DeletedPayload>('contact', 'DeletedPayload', true, 'a contact is deleted'),
  'contact.erased': spec<ContactErasedPayload>('contact', 'ContactErasedPayload', true, "a contact's personal data is erased (POST /gdpr/erase)"),
  'deal.created': spec<DealDto>('deal', 'DealDto', true, 'a deal is created'),
  'deal.updated': spec<DealDto>('deal', 'DealDto', true, 'a deal is changed (every change, closing included)'),
  'deal.stage_changed': spec<DealStageChangedPayload>('deal', 'DealStageChangedPayload', true, "a deal's stage moves (after its deal.updated)"),
  'deal.closed': spec<DealDto>('deal', 'DealDto', true, 'a deal moves to a closed stage (after its deal.stage_changed)'),
  'deal.deleted': spec<DeletedPayload>('deal', 'DeletedPayload', false, 'a deal is deleted'),
  'deal.budget_threshold': spec<DealBudgetThresholdPayload>('deal', 'DealBudgetThresholdPayload', true, "a deal's hours or money burn reaches one of the organization's budget thresholds (once per threshold and period)"),
  'deal.milestone_created': spec<DealMilestoneDto>('deal', 'DealMilestoneDto', true, 'a milestone is added to a fixed-fee deal'),
  'deal.milestone_updated': spec<DealMilestoneDto>('deal', 'DealMilestoneDto', true, "a milestone's name, amount or due date changes"),
  'deal.milestone_reached': spec<DealMilestoneDto>('deal', 'DealMilestoneDto', true, 'a milestone is marked reached (it is then invoiceable)'),
  'deal.milestone_deleted': spec<DeletedPayload>('deal', 'DeletedPayload', true, 'a milestone that was not invoiced is deleted'),
  'deal.health_changed': spec<DealHealthChangedPayload>('deal', 'DealHealthChangedPayload', true, "the insights scoring (nightly and after an on-demand training) finds an open deal's set of health signals changed since its last run"),
  'pipeline.created': spec<PipelineDto>('pipeline', 'PipelineDto', true, 'a pipeline is created (POST /pipelines)'),
  'pipeline.updated': spec<PipelineDto>('pipeline', 'PipelineDto', true, 'a pipeline is renamed or made the default, or its stages are added, changed, deleted or reordered'),
  'pipeline.deleted': spec<DeletedPayload>('pipeline', 'DeletedPayload', true, 'a pipeline is deleted'),
  'task.created': spec<TaskDto>('task', 'TaskDto', true, 'a task is created'),
  'task.updated': spec<TaskDto>('task', 'TaskDto', true, 'a task is changed (PATCH, bulk assign, a sync conflict resolved)'),
  'task.deleted': spec<DeletedPayload>('task', 'DeletedPayload', false, 'a task is deleted'),
  'task.overdue': spec<TaskAlertPayload>('task', 'TaskAlertPayload', true, 'the task alerts sweep finds a task past its due date'),
  'task.idle': spec<TaskAlertPayload>('task', 'TaskAlertPayload', true, 'the task alerts sweep finds a task without progress for TASK_IDLE_HOURS'),
  'mapping_rule.created': spec<MappingRuleDto>('mapping_rule', 'MappingRuleDto', false, 'a mapping rule is created'),
  'mapping_rule.updated': spec<MappingRuleDto>('mapping_rule', 'MappingRuleDto', false, 'a mapping rule is changed'),
  'mapping_rule.deleted': spec<DeletedPayload>('mapping_rule', 'DeletedPayload', false, 'a mapping rule is deleted'),
  'time_entry.mapped': spec<TimeEntryDto>('time_entry', 'TimeEntryDto', true, 'an entry is stored or re-mapped onto a deal or task (ingestion in SQL, review, re-mapping)'),
  'time_entry.unmapped': spec<TimeEntryDto>('time_entry', 'TimeEntryDto', true, 'an entry is stored or re-mapped without a deal or task (ingestion in SQL)'),
  'time_entry.updated': spec<TimeEntryDto>('time_entry', 'TimeEntryDto', false, 'an entry changes without its mapping changing (PATCH, ingestion in SQL)'),
  'bulk_edit.created': spec<BulkEditCreatedPayload>('bulk_edit', 'BulkEditCreatedPayload', false, 'a bulk edit of more than 500 records is accepted (POST /bulk-edits); each record changed then gets its own events'),
  'import.created': spec<ImportCreatedPayload>('import', 'ImportCreatedPayload', false, 'a CSV import is accepted (POST /imports)'),
  'invoice.issued': spec<InvoiceEventPayload>('invoice', 'InvoiceEventPayload', true, 'an invoice is issued'),
  'invoice.paid': spec<InvoiceEventPayload>('invoice', 'InvoiceEventPayload', true, 'an issued invoice is marked paid (by a user or read back from the connected accounting system)'),
  'activity.created': spec<ActivityDto>('activity', 'ActivityDto', true, 'a call or meeting is logged (POST /activities)'),
  'activity.updated': spec<ActivityDto>('activity', 'ActivityDto', true, 'a call or meeting is changed (PATCH /activities/{id})'),
  'activity.deleted': spec<DeletedPayload>('activity', 'DeletedPayload', true, 'a call or meeting is deleted'),
  'email.logged': spec<LoggedEmailSummaryDto>('email', 'LoggedEmailSummaryDto', true, 'an email received at the organization\'s inbound address is stored (SMTP listener or POST /email-log/inbound/{token}); no body'),
  'email.matched': spec<EmailMatchedPayload>('email', 'EmailMatchedPayload', true, 'a logged email is linked to contacts, their accounts and open deals (on arrival, or POST /email-log/unmatched/{id}/assign)'),
  'email.discarded': spec<DeletedPayload>('email', 'DeletedPayload', true, 'an unmatched email is discarded from the review list'),
  'timesheet.submitted': spec<TimesheetDto>('timesheet', 'TimesheetDto', true, 'a person (or a manager for them) submits a period (POST /timesheets/submit)'),
  'timesheet.approved': spec<TimesheetDto>('timesheet', 'TimesheetDto', true, "a manager or admin approves a submitted timesheet: its period's entries are locked"),
  'timesheet.rejected': spec<TimesheetDto>('timesheet', 'TimesheetDto', true, 'a manager or admin rejects a submitted timesheet with a comment'),
  'timesheet.reopened': spec<TimesheetDto>('timesheet', 'TimesheetDto', true, "an admin reopens a timesheet: its entries are unlocked"),
} as const satisfies Record<string, DomainEventSpec>;

/** A recorded event's name, e.g. `deal.stage_changed`. */
export type DomainEventType = keyof typeof DOMAIN_EVENTS;

/** The payload type of an event type. */
export type DomainEventPayload<T extends DomainEventType> = (typeof DOMAIN_EVENTS)[T] extends DomainEventSpec<infer P> ? P : never;

/** Every event type, in catalogue order. */
export const DOMAIN_EVENT_TYPES = Object.keys(DOMAIN_EVENTS) as DomainEventType[];

/** Whether a string names a catalogued event. */
export function isDomainEventType(type: string): type is DomainEventType {
  return Object.prototype.hasOwnProperty.call(DOMAIN_EVENTS, type);
}

/** Every event of an aggregate, in catalogue order (what `time_entry.*` meant). */
export function eventsOf(aggregate: string): DomainEventType[] {
  const types = DOMAIN_EVENT_TYPES.filter((t) => DOMAIN_EVENTS[t].aggregate === aggregate);
  if (types.length === 0) throw new Error(`No domain events of aggregate ${aggregate}`);
  return types;
}

/** Every event that goes out to webhook subscribers. */
export function webhookEvents(): DomainEventType[] {
  return DOMAIN_EVENT_TYPES.filter((t) => DOMAIN_EVENTS[t].webhook);
}

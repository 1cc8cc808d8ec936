/**
 * The events a webhook subscription may ask for (CONTRACT.md, Integrations and webhooks).
 * `account.*` and `contact.*` stand for every event of their family.
 */
export const WEBHOOK_EVENT_NAMES = [
  'deal.created',
  'deal.updated',
  'deal.stage_changed',
  'deal.closed',
  'deal.budget_threshold',
  'deal.milestone_created',
  'deal.milestone_updated',
  'deal.milestone_reached',
  'deal.milestone_deleted',
  'deal.health_changed',
  'task.created',
  'task.updated',
  'task.overdue',
  'task.idle',
  'time_entry.mapped',
  'time_entry.unmapped',
  'invoice.issued',
  'timesheet.submitted',
  'timesheet.approved',
  'timesheet.rejected',
  'timesheet.reopened',
  'invoice.paid',
  'activity.created',
  'activity.updated',
  'activity.deleted',
  'pipeline.created',
  'pipeline.updated',
  'pipeline.deleted',
  'email.logged',
  'email.matched',
  'email.discarded',

] as const;
export const WEBHOOK_EVENT_FAMILIES = ['account', 'contact'] as const;

const familyOf = (name: string) => name.slice(0, name.indexOf('.'));
const FAMILIES = new Set<string>([...WEBHOOK_EVENT_FAMILIES, ...WEBHOOK_EVENT_NAMES.map(familyOf)]);

/** Whether an event of this type is published to webhook subscribers at all. */
export function isPublishedWebhookEvent(type: string): boolean {
  if ((WEBHOOK_EVENT_NAMES as readonly string[]).includes(type)) return true;
  const dot = type.indexOf('.');
  return dot > 0 && (WEBHOOK_EVENT_FAMILIES as readonly string[]).includes(type.slice(0, dot)) && /^[a-z_]+$/.test(type.slice(dot + 1));
}

/** Whether a subscription may name this filter: a published name, `family.*` or `*`. */
export function isWebhookEventFilter(filter: string): boolean {
  if (filter === '*') return true;
  if (filter.endsWith('.*')) return FAMILIES.has(filter.slice(0, -2));
  return isPublishedWebhookEvent(filter);
}

/** The filters that select an event type: itself, each `prefix.*` and `*`. */
export function webhookFiltersMatching(type: string): string[] {
  const parts = type.split('.');
  const prefixes = parts.slice(0, -1).map((_, i) => `${parts.slice(0, i + 1).join('.')}.*`);
  return [type, ...prefixes, '*'];
}

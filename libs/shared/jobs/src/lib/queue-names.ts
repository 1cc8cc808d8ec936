/** Bull queue names shared by the api (producers) and the worker (processors). */
export const QUEUES = {
  /** Domain events relayed from the outbox table; job id = outbox event id. */
  domainEvents: 'domain-events',
  /** CSV imports of accounts and contacts; job id = import id. */
  imports: 'imports',
  /** Re-mapping of an organization's review queue after its mapping rules changed; job id per organization. */
  timeRemap: 'time-remap',
  /** Repeatable scan for overdue and idle high/urgent tasks, then the pending notification emails. */
  alerts: 'alerts',
  /** Repeatable clean-up of expired records (Idempotency-Key responses). */
  housekeeping: 'housekeeping',
  /** Outbound webhook attempts; job id = `<delivery id>:<attempt>`, the delivery row is the record. */
  webhookDeliveries: 'webhook-deliveries',
  /** Repeatable daily drift check of the time rollups against the raw entries (and repair). */
  reportRollups: 'report-rollups',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

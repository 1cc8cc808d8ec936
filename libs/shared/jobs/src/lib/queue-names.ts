/** Bull queue names shared by the api (producers) and the worker (processors). */
export const QUEUES = {
  /** Domain events relayed from the outbox table; job id = outbox event id. */
  domainEvents: 'domain-events',
  /** CSV imports of accounts and contacts; job id = import id. */
  imports: 'imports',
  /** Bulk edits of more than 500 records (progress on the bulk_edits row); job id = bulk edit id. */
  bulkEdits: 'bulk-edits',
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
  /** Report files built for a user (progress on the export row); job id = export id; and the repeatable clean-up of old files. */
  reportExports: 'report-exports',
  /** Repeatable tick that emails the scheduled reports that are due. */
  reportSchedules: 'report-schedules',
  /** Repeatable application of the organizations' retention policies (RETENTION_INTERVAL_SECONDS). */
  retention: 'retention',
  /** Re-encryption of the encrypted columns to the newest key: repeatable daily, and at worker start after the keys changed. */
  keyRotation: 'key-rotation',
  /** Pushes of CRM deals and tasks to the productivity platform; job id = `<sync record id>:<lease token>`, the sync record is the record. */
  productivitySync: 'productivity-sync',
  /** Removal of the stored files of deleted attachments (stored_file_deletions), after each delete of a parent and hourly. */
  storedFiles: 'stored-files',
  /** Connected accounting: one push of an issued invoice (job id = push id, Bull retries with backoff), and the repeatable paid-status read-back. */
  accountingSync: 'accounting-sync',
  /** Training of the organizations' win-probability models: repeatable nightly (every organization) and on demand (job id per organization). */
  insights: 'insights',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** Names of the repeatable jobs whose processors live outside the reports and retention libraries. */
export const ALERTS_SCAN_JOB = 'scan';
export const HOUSEKEEPING_JOB = 'expired-idempotency-keys';
export const KEY_ROTATION_JOB = 'reencrypt';
export const ACCOUNTING_PUSH_JOB = 'push';
export const ACCOUNTING_READ_PAID_JOB = 'read-paid';

/** A job on the accounting-sync queue: one push of an issued invoice (the push row is the record). */
export interface AccountingPushJob {
  organizationId: string;
  pushId: string;
}

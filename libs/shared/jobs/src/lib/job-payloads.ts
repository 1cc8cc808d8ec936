import { REPORT_EXPORT_CLEANUP_JOB, REPORT_EXPORT_JOB, REPORT_SCHEDULE_TICK_JOB } from './report-jobs';
import { ROLLUP_CHECK_JOB } from './report-rollups.job';
import { INSIGHTS_TRAIN_JOB } from './insights.job';
import { RETENTION_JOB } from './retention.job';
import { STORED_FILE_CLEANUP_JOB } from './stored-files.job';
import { ACCOUNTING_PUSH_JOB, ACCOUNTING_READ_PAID_JOB, ALERTS_SCAN_JOB, HOUSEKEEPING_JOB, KEY_ROTATION_JOB, QUEUES, QueueName } from './queue-names';

/**
 * The payload each job type may carry, checked by the worker before a processor runs (a job
 * added by hand, through the queue board or straight into Redis, must not reach a processor
 * with a shape it was never written for). A check answers null when the value is fine, or what
 * is wrong with it, naming the field.
 */
type Check = (value: unknown, field: string) => string | null;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const uuid: Check = (v, f) => (typeof v === 'string' && UUID.test(v) ? null : `${f} must be a UUID`);
const text =
  (max: number): Check =>
  (v, f) =>
    typeof v === 'string' && v.length > 0 && v.length <= max ? null : `${f} must be a string of 1 to ${max} characters`;
const int =
  (min: number, max: number): Check =>
  (v, f) =>
    Number.isInteger(v) && (v as number) >= min && (v as number) <= max ? null : `${f} must be an integer from ${min} to ${max}`;
const bool: Check = (v, f) => (typeof v === 'boolean' ? null : `${f} must be true or false`);
const optional =
  (check: Check): Check =>
  (v, f) =>
    v === undefined ? null : check(v, f);
const arrayOf =
  (check: Check, min: number, max: number): Check =>
  (v, f) => {
    if (!Array.isArray(v) || v.length < min || v.length > max) return `${f} must be an array of ${min} to ${max} items`;
    for (const [i, item] of v.entries()) {
      const problem = check(item, `${f}[${i}]`);
      if (problem) return problem;
    }
    return null;
  };

/** An object with exactly these fields (optional ones may be absent); any other field is refused. */
const object =
  (fields: Record<string, Check>): Check =>
  (v, f) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return `${f} must be an object`;
    const extra = Object.keys(v).find((k) => !(k in fields));
    if (extra !== undefined) return `${f}.${extra} is not a field of this job`;
    for (const [name, check] of Object.entries(fields)) {
      const problem = check((v as Record<string, unknown>)[name], f === 'data' ? name : `${f}.${name}`);
      if (problem) return problem;
    }
    return null;
  };

/** The first alternative that fits; else what is wrong with each. */
const oneOf =
  (...alternatives: Check[]): Check =>
  (v, f) => {
    const problems: string[] = [];
    for (const check of alternatives) {
      const problem = check(v, f);
      if (problem === null) return null;
      problems.push(problem);
    }
    return problems.join('; or ');
  };

const none = object({});
const DEFAULT = '__default__';

/** Per queue, per job name (`__default__`: a job added without a name), the payload check. */
const PAYLOADS: Record<QueueName, Record<string, Check>> = {
  [QUEUES.domainEvents]: {
    [DEFAULT]: oneOf(
      object({ organizationId: uuid, eventIds: arrayOf(uuid, 1, 1000) }),
      object({ organizationId: uuid, eventId: uuid, type: optional(text(200)) }),
    ),
  },
  [QUEUES.imports]: { [DEFAULT]: object({ organizationId: uuid, importId: uuid }) },
  [QUEUES.bulkEdits]: { [DEFAULT]: object({ organizationId: uuid, bulkEditId: uuid }) },
  [QUEUES.timeRemap]: { [DEFAULT]: object({ organizationId: uuid }) },
  [QUEUES.alerts]: { [ALERTS_SCAN_JOB]: none },
  [QUEUES.housekeeping]: { [HOUSEKEEPING_JOB]: none },
  [QUEUES.webhookDeliveries]: {
    [DEFAULT]: oneOf(
      object({ organizationId: uuid, leaseToken: uuid, deliveries: arrayOf(object({ deliveryId: uuid, attempt: int(1, 1000) }), 1, 1000) }),
      object({ organizationId: uuid, deliveryId: uuid, attempt: int(1, 1000), leaseToken: uuid }),
    ),
  },
  [QUEUES.reportRollups]: { [ROLLUP_CHECK_JOB]: object({ days: int(0, 366), repair: bool }) },
  [QUEUES.reportExports]: { [REPORT_EXPORT_JOB]: object({ organizationId: uuid, exportId: uuid }), [REPORT_EXPORT_CLEANUP_JOB]: none },
  [QUEUES.reportSchedules]: { [REPORT_SCHEDULE_TICK_JOB]: none },
  [QUEUES.retention]: { [RETENTION_JOB]: object({ organizationId: optional(uuid) }) },
  [QUEUES.keyRotation]: { [KEY_ROTATION_JOB]: none },
  [QUEUES.storedFiles]: { [STORED_FILE_CLEANUP_JOB]: object({ organizationId: optional(uuid) }) },
  [QUEUES.productivitySync]: { [DEFAULT]: object({ organizationId: uuid, syncRecordId: uuid, leaseToken: uuid }) },
  [QUEUES.accountingSync]: { [ACCOUNTING_PUSH_JOB]: object({ organizationId: uuid, pushId: uuid }), [ACCOUNTING_READ_PAID_JOB]: none },
  [QUEUES.insights]: { [INSIGHTS_TRAIN_JOB]: object({ organizationId: optional(uuid) }) },
};

/** What is wrong with a job's payload for its queue and name (naming the field), or null when it may run. */
export function jobPayloadProblem(queue: string, name: string, data: unknown): string | null {
  const check = PAYLOADS[queue as QueueName]?.[name || DEFAULT];
  if (!check) return `no job named "${name}" runs on the ${queue} queue`;
  return check(data, 'data');
}

/** The organization a job acts for, when its payload names one (checked to exist before it runs). */
export function organizationOfJob(data: unknown): string | null {
  const id = typeof data === 'object' && data !== null ? (data as { organizationId?: unknown }).organizationId : undefined;
  return typeof id === 'string' ? id : null;
}

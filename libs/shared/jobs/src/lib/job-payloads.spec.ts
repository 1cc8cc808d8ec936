import { jobPayloadProblem, organizationOfJob } from './job-payloads';
import { QUEUES } from './queue-names';
import { REPORT_EXPORT_CLEANUP_JOB, REPORT_EXPORT_JOB, REPORT_SCHEDULE_TICK_JOB } from './report-jobs';
import { ROLLUP_CHECK_JOB } from './report-rollups.job';
import { RETENTION_JOB } from './retention.job';

const org = '0190d6f2-0000-7000-8000-000000000001';
const id = '0190d6f2-0000-7000-8000-000000000002';
const lease = 'b0c6a3c4-5a3e-4a53-9d8e-1d0f4b4c2e11';

describe('job payloads', () => {
  it.each([
    [QUEUES.domainEvents, '__default__', { organizationId: org, eventIds: [id, id] }],
    [QUEUES.domainEvents, '__default__', { organizationId: org, eventId: id, type: 'account.created' }],
    [QUEUES.domainEvents, '__default__', { organizationId: org, eventId: id }],
    [QUEUES.imports, '__default__', { organizationId: org, importId: id }],
    [QUEUES.bulkEdits, '__default__', { organizationId: org, bulkEditId: id }],
    [QUEUES.timeRemap, '__default__', { organizationId: org }],
    [QUEUES.alerts, 'scan', {}],
    [QUEUES.housekeeping, 'expired-idempotency-keys', {}],
    [QUEUES.webhookDeliveries, '__default__', { organizationId: org, leaseToken: lease, deliveries: [{ deliveryId: id, attempt: 1 }] }],
    [QUEUES.webhookDeliveries, '__default__', { organizationId: org, deliveryId: id, attempt: 3, leaseToken: lease }],
    [QUEUES.reportRollups, ROLLUP_CHECK_JOB, { days: 7, repair: true }],
    [QUEUES.reportExports, REPORT_EXPORT_JOB, { organizationId: org, exportId: id }],
    [QUEUES.reportExports, REPORT_EXPORT_CLEANUP_JOB, {}],
    [QUEUES.reportSchedules, REPORT_SCHEDULE_TICK_JOB, {}],
    [QUEUES.retention, RETENTION_JOB, {}],
    [QUEUES.retention, RETENTION_JOB, { organizationId: org }],
    [QUEUES.keyRotation, 'reencrypt', {}],
    [QUEUES.productivitySync, '__default__', { organizationId: org, syncRecordId: id, leaseToken: lease }],
  ])('accepts what the product enqueues on %s (%s)', (queue, name, data) => {
    expect(jobPayloadProblem(queue, name, data)).toBeNull();
  });

  it.each([
    [QUEUES.imports, '__default__', { organizationId: org }, /importId must be a UUID/],
    [QUEUES.imports, '__default__', { organizationId: 'org-1', importId: id }, /organizationId must be a UUID/],
    [QUEUES.imports, '__default__', { organizationId: org, importId: id, sql: 'DROP' }, /data.sql is not a field/],
    [QUEUES.imports, '__default__', null, /data must be an object/],
    [QUEUES.imports, '__default__', [org, id], /data must be an object/],
    [QUEUES.timeRemap, '__default__', 'org', /data must be an object/],
    [QUEUES.domainEvents, '__default__', { organizationId: org, eventIds: [] }, /eventIds must be an array of 1 to 1000/],
    [QUEUES.domainEvents, '__default__', { organizationId: org, eventIds: ['x'] }, /eventIds\[0\] must be a UUID/],
    [QUEUES.webhookDeliveries, '__default__', { organizationId: org, leaseToken: lease, deliveries: [{ deliveryId: id, attempt: 0 }] }, /attempt must be an integer/],
    [QUEUES.webhookDeliveries, '__default__', { organizationId: org, deliveryId: id, attempt: '1', leaseToken: lease }, /attempt must be an integer/],
    [QUEUES.reportRollups, ROLLUP_CHECK_JOB, { days: 100000, repair: true }, /days must be an integer from 0 to 366/],
    [QUEUES.reportRollups, ROLLUP_CHECK_JOB, { days: 7, repair: 'yes' }, /repair must be true or false/],
    [QUEUES.retention, RETENTION_JOB, { organizationId: 42 }, /organizationId must be a UUID/],
    [QUEUES.alerts, 'scan', { everyone: true }, /data.everyone is not a field/],
    [QUEUES.alerts, 'other', {}, /no job named "other" runs on the alerts queue/],
    [QUEUES.keyRotation, '__default__', {}, /no job named "__default__"/],
    ['no-such-queue', '__default__', {}, /no job named/],
  ])('refuses a bad payload on %s (%s): %j', (queue, name, data, message) => {
    expect(jobPayloadProblem(queue, name, data)).toMatch(message);
  });

  it('names the organization a payload acts for', () => {
    expect(organizationOfJob({ organizationId: org })).toBe(org);
    expect(organizationOfJob({})).toBeNull();
    expect(organizationOfJob(null)).toBeNull();
  });
});

import { relayJobs } from './outbox.relay';
import type { PendingOutboxRow } from './outbox.repository';

const row = (organization_id: string, id: string, dispatch_count = 0): PendingOutboxRow => ({ row: '(0,1)', organization_id, id, type: 'time_entry.mapped', dispatch_count });

describe('relayJobs', () => {
  it('batches first-time events by organization, oldest first, up to the job size', () => {
    const rows = [row('a', 'a1'), row('b', 'b1'), row('a', 'a2'), row('a', 'a3'), row('b', 'b2')];
    const jobs = relayJobs(rows, 2);
    expect(jobs.map((j) => j.data)).toEqual([
      { organizationId: 'a', eventIds: ['a1', 'a2'] },
      { organizationId: 'a', eventIds: ['a3'] },
      { organizationId: 'b', eventIds: ['b1', 'b2'] },
    ]);
    // A batch's job id derives from its event ids (a second add of the same batch is ignored); one event keeps its own id.
    expect(jobs[0].opts.jobId).toMatch(/^batch-[0-9a-f]{40}$/);
    expect(relayJobs([row('a', 'a1'), row('a', 'a2')], 2)[0].opts.jobId).toBe(jobs[0].opts.jobId);
    expect(jobs[1].opts.jobId).toBe('a3');
  });

  it('relays an event again on its own, with job id = event id (a job that failed for good stays parked)', () => {
    const jobs = relayJobs([row('a', 'a1', 1), row('a', 'a2')], 100);
    expect(jobs).toEqual([
      { data: { eventId: 'a1', organizationId: 'a', type: 'time_entry.mapped' }, opts: { jobId: 'a1' } },
      { data: { organizationId: 'a', eventIds: ['a2'] }, opts: { jobId: 'a2' } },
    ]);
  });
});

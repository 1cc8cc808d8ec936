import type { DueDelivery } from './delivery.store';
import { deliveryJobs } from './webhook-delivery.relay';

const due = (organization_id: string, subscription_id: string, id: string, attempts = 0): DueDelivery => ({ row: '(0,1)', organization_id, subscription_id, id, attempts });

describe('deliveryJobs', () => {
  it('groups due deliveries by subscription, up to the job size, each job with its own lease token', () => {
    const rows = [due('o', 's1', 'd1'), due('o', 's2', 'd2', 2), due('o', 's1', 'd3'), due('o', 's1', 'd4'), due('p', 's1', 'd5')];
    const jobs = deliveryJobs(rows, 2);
    expect(jobs.map(({ job }) => ({ organizationId: job.organizationId, deliveries: job.deliveries }))).toEqual([
      { organizationId: 'o', deliveries: [{ deliveryId: 'd1', attempt: 1 }, { deliveryId: 'd3', attempt: 1 }] },
      { organizationId: 'o', deliveries: [{ deliveryId: 'd4', attempt: 1 }] },
      { organizationId: 'o', deliveries: [{ deliveryId: 'd2', attempt: 3 }] },
      { organizationId: 'p', deliveries: [{ deliveryId: 'd5', attempt: 1 }] },
    ]);
    expect(jobs.map(({ rows: part }) => part.map((r) => r.id))).toEqual([['d1', 'd3'], ['d4'], ['d2'], ['d5']]);
    expect(new Set(jobs.map(({ job }) => job.leaseToken)).size).toBe(4);
  });
});

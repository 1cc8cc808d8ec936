import type { DueDelivery } from './delivery.store';
import { deliveryGroups, deliveryJob } from './webhook-delivery.relay';

const due = (organization_id: string, subscription_id: string, id: string, attempts = 0): DueDelivery => ({ row: '(0,1)', organization_id, subscription_id, id, attempts });

describe('deliveryGroups and deliveryJob', () => {
  it('groups due deliveries by subscription, up to the job size; a job carries the next attempt of each under its lease token', () => {
    const rows = [due('o', 's1', 'd1'), due('o', 's2', 'd2', 2), due('o', 's1', 'd3'), due('o', 's1', 'd4'), due('p', 's1', 'd5')];
    const groups = deliveryGroups(rows, 2);
    const jobs = groups.map((part, i) => deliveryJob(part, `t${i}`));
    expect(jobs.map((job) => ({ organizationId: job.organizationId, deliveries: job.deliveries }))).toEqual([
      { organizationId: 'o', deliveries: [{ deliveryId: 'd1', attempt: 1 }, { deliveryId: 'd3', attempt: 1 }] },
      { organizationId: 'o', deliveries: [{ deliveryId: 'd4', attempt: 1 }] },
      { organizationId: 'o', deliveries: [{ deliveryId: 'd2', attempt: 3 }] },
      { organizationId: 'p', deliveries: [{ deliveryId: 'd5', attempt: 1 }] },
    ]);
    expect(groups.map((part) => part.map((r) => r.id))).toEqual([['d1', 'd3'], ['d4'], ['d2'], ['d5']]);
    expect(jobs.map((job) => job.leaseToken)).toEqual(['t0', 't1', 't2', 't3']);
  });
});

import { pushRetryDelay } from './push-backoff.rules';
import { mergeRemoteChange } from './task-merge.rules';

const early = new Date('2026-03-02T10:00:00Z');
const late = new Date('2026-03-02T11:00:00Z');

describe('mergeRemoteChange', () => {
  it('applies a field only the platform changed and keeps one only the CRM changed', () => {
    const result = mergeRemoteChange({
      sent: { title: 'Remote', status: 'todo' },
      crm: { title: 'Base', status: 'done' },
      snapshot: { title: 'Base', status: 'todo' },
      remoteAt: early,
      crmAt: late,
    });
    expect(result).toEqual({ apply: { title: 'Remote' }, conflicts: [] });
  });

  it('gives a field both changed to the later writer and keeps the loser as a conflict', () => {
    const both = { sent: { title: 'Remote' }, crm: { title: 'Crm' }, snapshot: { title: 'Base' } };
    expect(mergeRemoteChange({ ...both, remoteAt: late, crmAt: early })).toEqual({
      apply: { title: 'Remote' },
      conflicts: [{ field: 'title', crmValue: 'Crm', remoteValue: 'Remote', winner: 'remote' }],
    });
    expect(mergeRemoteChange({ ...both, remoteAt: early, crmAt: late })).toEqual({
      apply: {},
      conflicts: [{ field: 'title', crmValue: 'Crm', remoteValue: 'Remote', winner: 'crm' }],
    });
  });

  it('is no conflict when both sides made the same change', () => {
    expect(mergeRemoteChange({ sent: { title: 'Same' }, crm: { title: 'Same' }, snapshot: { title: 'Base' }, remoteAt: early, crmAt: late })).toEqual({ apply: {}, conflicts: [] });
  });

  it('without a snapshot: a later platform change applies, an older one is kept as a conflict', () => {
    const none = { sent: { due_date: null }, crm: { due_date: '2026-04-01T00:00:00.000Z' }, snapshot: null };
    expect(mergeRemoteChange({ ...none, remoteAt: late, crmAt: early })).toEqual({ apply: { due_date: null }, conflicts: [] });
    expect(mergeRemoteChange({ ...none, remoteAt: early, crmAt: late }).conflicts).toEqual([{ field: 'due_date', crmValue: '2026-04-01T00:00:00.000Z', remoteValue: null, winner: 'crm' }]);
  });
});

describe('pushRetryDelay', () => {
  it('doubles from the base up to the cap, with ±10% jitter', () => {
    expect([1, 2, 3, 4, 10].map((n) => pushRetryDelay(n, 1000, 5000, () => 0.5))).toEqual([1000, 2000, 4000, 5000, 5000]);
    expect(pushRetryDelay(1, 1000, 5000, () => 0)).toBe(900);
    expect(pushRetryDelay(1, 1000, 5000, () => 1)).toBe(1100);
  });
});

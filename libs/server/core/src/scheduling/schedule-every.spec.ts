import type { Queue } from 'bull';
import { scheduleEvery } from './schedule-every';

describe('scheduleEvery', () => {
  it('removes the schedules of other intervals of the same job and adds the wanted one', async () => {
    const queue = {
      getRepeatableJobs: jest.fn(async () => [
        { name: 'scan', every: '60000', key: 'old' },
        { name: 'scan', every: '5000', key: 'same' },
        { name: 'other', every: '60000', key: 'theirs' },
      ]),
      removeRepeatableByKey: jest.fn(async () => undefined),
      add: jest.fn(async () => ({})),
    };
    await scheduleEvery(queue as unknown as Queue, 'scan', 5000);
    expect(queue.removeRepeatableByKey.mock.calls).toEqual([['old']]);
    expect(queue.add).toHaveBeenCalledWith('scan', {}, expect.objectContaining({ repeat: { every: 5000 } }));
  });
});

describe('scheduleEvery keep', () => {
  it('keeps the given number of finished runs', async () => {
    const queue = { getRepeatableJobs: jest.fn(async () => []), removeRepeatableByKey: jest.fn(), add: jest.fn(async () => ({})) };
    await scheduleEvery(queue as unknown as Queue, 'sweep', 1000, 24);
    expect(queue.add).toHaveBeenCalledWith('sweep', {}, { repeat: { every: 1000 }, removeOnComplete: 24, removeOnFail: 24 });
  });
});

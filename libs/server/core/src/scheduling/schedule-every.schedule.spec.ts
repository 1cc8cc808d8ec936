import { getQueueToken } from '@nestjs/bull';
import { FactoryProvider, Logger } from '@nestjs/common';
import type { Queue } from 'bull';
import { Env } from '../config/environment.config';
import { repeatableJob, RepeatableJobSchedule } from './repeatable-job.schedule';
import { scheduleEvery } from './schedule-every.schedule';

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

describe('repeatableJob', () => {
  const job = { queue: 'housekeeping', job: 'sweep', everyMs: (env: Env) => env.HOUSEKEEPING_INTERVAL_SECONDS * 1000, what: 'the sweep', keep: 10 };

  it('is a provider of the queue and Env that schedules the job at worker start, every interval the environment gives', async () => {
    const provider = repeatableJob(job) as FactoryProvider<RepeatableJobSchedule>;
    expect(provider.inject).toEqual([getQueueToken('housekeeping'), Env]);
    const queue = { getRepeatableJobs: jest.fn(async () => []), removeRepeatableByKey: jest.fn(), add: jest.fn(async () => ({})) };
    const schedule = (await provider.useFactory(queue, Object.assign(new Env(), { HOUSEKEEPING_INTERVAL_SECONDS: 60 }))) as RepeatableJobSchedule;
    await schedule.onApplicationBootstrap();
    expect(queue.add).toHaveBeenCalledWith('sweep', {}, { repeat: { every: 60_000 }, removeOnComplete: 10, removeOnFail: 10 });
  });

  it('logs, and lets the worker start, when Redis refuses', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const queue = { getRepeatableJobs: jest.fn(async () => Promise.reject(new Error('redis down'))) };
    await new RepeatableJobSchedule(queue as unknown as Queue, job, 1000).onApplicationBootstrap();
    expect(warn).toHaveBeenCalledWith('Could not schedule the sweep: redis down');
    warn.mockRestore();
  });
});

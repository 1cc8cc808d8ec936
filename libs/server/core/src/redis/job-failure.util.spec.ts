import type { Job } from 'bull';
import { JobRefused } from './job-gate.guard';
import { onJobFailed, willRetry } from './job-failure.util';

const job = (attemptsMade: number, attempts?: number) => ({ attemptsMade, opts: { attempts } }) as unknown as Job;

describe('job failures', () => {
  it('retries while attempts are left (one attempt when none is set)', () => {
    expect(willRetry(job(1, 3))).toBe(true);
    expect(willRetry(job(3, 3))).toBe(false);
    expect(willRetry(job(1))).toBe(false);
  });

  it('logs each failed attempt and gives up after the last one, naming the attempts', async () => {
    const log = jest.fn();
    const giveUp = jest.fn().mockResolvedValue(undefined);
    await onJobFailed(job(1, 2), new Error('boom'), { log, giveUp });
    expect(log).toHaveBeenLastCalledWith(false);
    expect(giveUp).not.toHaveBeenCalled();
    await onJobFailed(job(2, 2), new Error('boom'), { log, giveUp });
    expect(log).toHaveBeenLastCalledWith(true);
    expect(giveUp).toHaveBeenCalledWith(2);
  });

  it('leaves a job the gate refused alone: nothing logged, nothing given up', async () => {
    const log = jest.fn();
    const giveUp = jest.fn();
    await onJobFailed(job(1, 1), new JobRefused('Refused without running'), { log, giveUp });
    expect(log).not.toHaveBeenCalled();
    expect(giveUp).not.toHaveBeenCalled();
  });

  it('only logs when there is nothing to give up', async () => {
    const log = jest.fn();
    await expect(onJobFailed(job(1, 1), new Error('boom'), { log })).resolves.toBeUndefined();
    expect(log).toHaveBeenCalledWith(true);
  });
});

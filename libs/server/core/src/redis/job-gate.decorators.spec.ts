import { BULL_MODULE_QUEUE_PROCESS } from '@nestjs/bull/dist/bull.constants';
import { Injectable } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { QUEUES } from '@clockwork/shared-jobs';
import type { Job } from 'bull';
import { GatedProcess } from './job-gate.decorators';
import { JobGate, JobRefused } from './job-gate.guard';

@Injectable()
class Ran {
  readonly ids: string[] = [];
}

@Injectable()
class SampleProcessor {
  constructor(private readonly ran: Ran) {}

  @GatedProcess(QUEUES.imports, { concurrency: 1 })
  handle(job: Job<{ importId: string }>): Promise<string> {
    this.ran.ids.push(job.data.importId);
    return Promise.resolve(`ran ${job.data.importId}`);
  }

  @GatedProcess(QUEUES.imports, { name: 'other' })
  other(job: Job): Promise<string> {
    return Promise.resolve(`other ${job.id}`);
  }
}

describe('GatedProcess', () => {
  const admit = jest.fn(async (_queue: string, job: Job) => {
    if (job.data.importId === 'bad') throw new JobRefused('Refused without running: bad');
  });

  async function processor() {
    const app = await Test.createTestingModule({ providers: [SampleProcessor, Ran, { provide: JobGate, useValue: { admit } }] }).compile();
    return { sut: app.get(SampleProcessor), ran: app.get(Ran) };
  }

  beforeEach(() => admit.mockClear());

  it('admits the job through the injected JobGate, then runs the method with it', async () => {
    const { sut, ran } = await processor();
    const job = { id: 1, data: { importId: 'i1' } } as unknown as Job<{ importId: string }>;
    await expect(sut.handle(job)).resolves.toBe('ran i1');
    expect(admit).toHaveBeenCalledWith(QUEUES.imports, job);
    expect(ran.ids).toEqual(['i1']);
  });

  it('does not run the method for a job the gate refuses', async () => {
    const { sut, ran } = await processor();
    await expect(sut.handle({ id: 2, data: { importId: 'bad' } } as unknown as Job<{ importId: string }>)).rejects.toBeInstanceOf(JobRefused);
    expect(ran.ids).toEqual([]);
  });

  it('is the Process of each method it marks, with its options', async () => {
    const { sut } = await processor();
    expect(Reflect.getMetadata(BULL_MODULE_QUEUE_PROCESS, sut.handle)).toEqual({ concurrency: 1 });
    expect(Reflect.getMetadata(BULL_MODULE_QUEUE_PROCESS, sut.other)).toEqual({ name: 'other' });
    await expect(sut.other({ id: 3, data: {} } as Job)).resolves.toBe('other 3');
  });
});

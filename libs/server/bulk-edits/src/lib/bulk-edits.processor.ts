import { OnQueueFailed, Process, Processor } from '@nestjs/bull';
import { Logger } from '@nestjs/common';
import { JobGate, JobRefused } from '@clockwork/server-core';
import { BulkEditJobData, QUEUES } from '@clockwork/shared-jobs';
import type { Job } from 'bull';
import { BulkEditOutcome, BulkEditRunner } from './bulk-edit-runner.service';

/** Thin Bull processor: job -> runner, one bulk edit at a time per worker. */
@Processor(QUEUES.bulkEdits)
export class BulkEditsProcessor {
  private readonly logger = new Logger(BulkEditsProcessor.name);

  constructor(
    private readonly runner: BulkEditRunner,
    private readonly gate: JobGate,
  ) {}

  @Process({ concurrency: 1 })
  async handle(job: Job<BulkEditJobData>): Promise<BulkEditOutcome> {
    await this.gate.admit(QUEUES.bulkEdits, job);
    return this.runner.run(job.data.organizationId, job.data.bulkEditId);
  }

  @OnQueueFailed()
  async failed(job: Job<BulkEditJobData>, error: Error): Promise<void> {
    if (error instanceof JobRefused) return;
    this.logger.error(`Bulk edit ${job.data.bulkEditId}, attempt ${job.attemptsMade}: ${error.stack ?? error.message}`);
    if (job.attemptsMade < (job.opts.attempts ?? 1)) return;
    await this.runner.fail(job.data.organizationId, job.data.bulkEditId, `The bulk edit stopped unexpectedly (${job.attemptsMade} attempts); the batches written before are kept`);
  }
}

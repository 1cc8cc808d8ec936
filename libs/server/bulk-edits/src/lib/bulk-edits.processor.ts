import { OnQueueFailed, Processor } from '@nestjs/bull';
import { Logger } from '@nestjs/common';
import { GatedProcess, onJobFailed } from '@clockwork/server-core';
import { BulkEditJobData, QUEUES } from '@clockwork/shared-jobs';
import type { Job } from 'bull';
import { BulkEditOutcome, BulkEditRunner } from './bulk-edit-runner.service';

/** Thin Bull processor: job -> runner, one bulk edit at a time per worker. */
@Processor(QUEUES.bulkEdits)
export class BulkEditsProcessor {
  private readonly logger = new Logger(BulkEditsProcessor.name);

  constructor(private readonly runner: BulkEditRunner) {}

  @GatedProcess(QUEUES.bulkEdits, { concurrency: 1 })
  handle(job: Job<BulkEditJobData>): Promise<BulkEditOutcome> {
    return this.runner.run(job.data.organizationId, job.data.bulkEditId);
  }

  /** After the last attempt the bulk edit is marked failed. */
  @OnQueueFailed()
  failed(job: Job<BulkEditJobData>, error: Error): Promise<void> {
    const { organizationId, bulkEditId } = job.data;
    return onJobFailed(job, error, {
      log: () => this.logger.error(`Bulk edit ${bulkEditId}, attempt ${job.attemptsMade}: ${error.stack ?? error.message}`),
      giveUp: (attempts) => this.runner.fail(organizationId, bulkEditId, `The bulk edit stopped unexpectedly (${attempts} attempts); the batches written before are kept`),
    });
  }
}

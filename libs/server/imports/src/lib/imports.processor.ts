import { OnQueueFailed, Processor } from '@nestjs/bull';
import { Logger } from '@nestjs/common';
import { GatedProcess, onJobFailed } from '@clockwork/server-core';
import { ImportJobData, QUEUES } from '@clockwork/shared-jobs';
import type { Job } from 'bull';
import { ImportInterrupted, ImportRunner, RunOutcome } from './import-runner.service';

/** Thin Bull processor: job -> runner. One import at a time per worker (they are heavy). */
@Processor(QUEUES.imports)
export class ImportsProcessor {
  private readonly logger = new Logger(ImportsProcessor.name);

  constructor(private readonly runner: ImportRunner) {}

  @GatedProcess(QUEUES.imports, { concurrency: 1 })
  handle(job: Job<ImportJobData>): Promise<RunOutcome> {
    return this.runner.run(job.data.organizationId, job.data.importId);
  }

  /** After the last attempt the import is marked failed (earlier attempts resume where it stopped). */
  @OnQueueFailed()
  failed(job: Job<ImportJobData>, error: Error): Promise<void> {
    const { organizationId, importId } = job.data;
    const log = () =>
      error instanceof ImportInterrupted ? this.logger.warn(`Import ${importId}: ${error.message}`) : this.logger.error(`Import ${importId}, attempt ${job.attemptsMade}: ${error.stack ?? error.message}`);
    return onJobFailed(job, error, {
      log,
      giveUp: (attempts) => this.runner.fail(organizationId, importId, `The import stopped unexpectedly (${attempts} attempts); the rows imported before are kept`),
    });
  }
}

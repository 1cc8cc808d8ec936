import { OnQueueFailed, Process, Processor } from '@nestjs/bull';
import { Logger } from '@nestjs/common';
import { JobGate, JobRefused } from '@clockwork/server-core';
import { ImportJobData, QUEUES } from '@clockwork/shared-jobs';
import type { Job } from 'bull';
import { ImportInterrupted, ImportRunner, RunOutcome } from './import-runner.service';

/** Thin Bull processor: job -> runner. One import at a time per worker (they are heavy). */
@Processor(QUEUES.imports)
export class ImportsProcessor {
  private readonly logger = new Logger(ImportsProcessor.name);

  constructor(
    private readonly runner: ImportRunner,
    private readonly gate: JobGate,
  ) {}

  @Process({ concurrency: 1 })
  async handle(job: Job<ImportJobData>): Promise<RunOutcome> {
    await this.gate.admit(QUEUES.imports, job);
    return this.runner.run(job.data.organizationId, job.data.importId);
  }

  /** After the last attempt the import is marked failed (earlier attempts resume where it stopped). */
  @OnQueueFailed()
  async failed(job: Job<ImportJobData>, error: Error): Promise<void> {
    if (error instanceof JobRefused) return; // never ran: nothing of an import to mark (logged and counted by the gate)
    if (error instanceof ImportInterrupted) this.logger.warn(`Import ${job.data.importId}: ${error.message}`);
    else this.logger.error(`Import ${job.data.importId}, attempt ${job.attemptsMade}: ${error.stack ?? error.message}`);
    if (job.attemptsMade < (job.opts.attempts ?? 1)) return;
    await this.runner.fail(job.data.organizationId, job.data.importId, `The import stopped unexpectedly (${job.attemptsMade} attempts); the rows imported before are kept`);
  }
}

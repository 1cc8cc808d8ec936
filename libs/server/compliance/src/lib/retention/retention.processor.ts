import { Process, Processor } from '@nestjs/bull';
import { JobGate } from '@clockwork/server-core';
import { QUEUES, RETENTION_JOB, RetentionJobData } from '@clockwork/shared-jobs';
import type { Job } from 'bull';
import { RetentionRun, RetentionRunner } from './retention-runner.service';

/** Thin processor: every RETENTION_INTERVAL_SECONDS, apply every organization's retention policies. */
@Processor(QUEUES.retention)
export class RetentionProcessor {
  constructor(
    private readonly runner: RetentionRunner,
    private readonly gate: JobGate,
  ) {}

  @Process({ name: RETENTION_JOB, concurrency: 1 })
  async run(job: Job<RetentionJobData>): Promise<RetentionRun[]> {
    await this.gate.admit(QUEUES.retention, job);
    return this.runner.applyAll(job.data?.organizationId);
  }
}

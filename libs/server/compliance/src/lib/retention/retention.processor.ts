import { Processor } from '@nestjs/bull';
import { GatedProcess } from '@clockwork/server-core';
import { QUEUES, RETENTION_JOB, RetentionJobData } from '@clockwork/shared-jobs';
import type { Job } from 'bull';
import { RetentionRun, RetentionRunner } from './retention-runner.service';

/** Thin processor: every RETENTION_INTERVAL_SECONDS, apply every organization's retention policies. */
@Processor(QUEUES.retention)
export class RetentionProcessor {
  constructor(private readonly runner: RetentionRunner) {}

  @GatedProcess(QUEUES.retention, { name: RETENTION_JOB, concurrency: 1 })
  run(job: Job<RetentionJobData>): Promise<RetentionRun[]> {
    return this.runner.applyAll(job.data?.organizationId);
  }
}

import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { repeatableJob } from '@clockwork/server-core';
import { QUEUES, RETENTION_JOB } from '@clockwork/shared-jobs';
import { RetentionProcessor } from './retention.processor';
import { RetentionRepository } from './retention.repository';
import { RetentionRunner } from './retention-runner.service';

/**
 * The worker side of compliance: the repeatable retention run on the `retention` queue (every
 * RETENTION_INTERVAL_SECONDS).
 */
@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.retention })],
  providers: [
    RetentionProcessor,
    repeatableJob({ queue: QUEUES.retention, job: RETENTION_JOB, everyMs: (env) => env.RETENTION_INTERVAL_SECONDS * 1000, what: 'retention', keep: 30 }),
    RetentionRunner,
    RetentionRepository,
  ],
  exports: [RetentionRunner],
})
export class RetentionWorkerModule {}

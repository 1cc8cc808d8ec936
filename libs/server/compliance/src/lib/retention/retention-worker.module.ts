import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { QUEUES } from '@clockwork/shared-jobs';
import { RetentionProcessor } from './retention.processor';
import { RetentionRepository } from './retention.repository';
import { RetentionRunner } from './retention-runner.service';
import { RetentionSchedule } from './retention.schedule';

/** The worker side of compliance: the repeatable retention run on the `retention` queue. */
@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.retention })],
  providers: [RetentionProcessor, RetentionSchedule, RetentionRunner, RetentionRepository],
  exports: [RetentionRunner],
})
export class RetentionWorkerModule {}

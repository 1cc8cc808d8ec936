import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { QUEUES } from '@clockwork/shared-jobs';
import { KeyRotationProcessor } from './key-rotation.processor';
import { KeyRotationSchedule } from './key-rotation.schedule';
import { KeyRotationService } from './key-rotation.service';

/** The worker's re-encryption job (queue `key-rotation`); see KeyRotationService. */
@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.keyRotation })],
  providers: [KeyRotationService, KeyRotationProcessor, KeyRotationSchedule],
  exports: [KeyRotationService],
})
export class KeyRotationModule {}

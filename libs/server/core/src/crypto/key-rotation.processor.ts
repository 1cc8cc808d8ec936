import { Process, Processor } from '@nestjs/bull';
import { QUEUES } from '@clockwork/shared-jobs';
import { KeyRotationResult, KeyRotationService } from './key-rotation.service';

export const KEY_ROTATION_JOB = 'reencrypt';

/** Thin processor: one pass of re-encryption to the current key (logs and returns what remains). */
@Processor(QUEUES.keyRotation)
export class KeyRotationProcessor {
  constructor(private readonly rotation: KeyRotationService) {}

  @Process({ name: KEY_ROTATION_JOB, concurrency: 1 })
  run(): Promise<KeyRotationResult> {
    return this.rotation.run();
  }
}

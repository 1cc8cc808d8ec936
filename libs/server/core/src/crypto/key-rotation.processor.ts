import { Processor } from '@nestjs/bull';
import { KEY_ROTATION_JOB, QUEUES } from '@clockwork/shared-jobs';
import type { Job } from 'bull';
import { GatedProcess } from '../redis/job-gate.decorators';
import { KeyRotationResult, KeyRotationService } from './key-rotation.service';

export { KEY_ROTATION_JOB };

/** Thin processor: one pass of re-encryption to the current key (logs and returns what remains). */
@Processor(QUEUES.keyRotation)
export class KeyRotationProcessor {
  constructor(private readonly rotation: KeyRotationService) {}

  @GatedProcess(QUEUES.keyRotation, { name: KEY_ROTATION_JOB, concurrency: 1 })
  run(_job: Job): Promise<KeyRotationResult> {
    return this.rotation.run();
  }
}

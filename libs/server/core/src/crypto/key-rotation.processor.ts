import { Process, Processor } from '@nestjs/bull';
import { KEY_ROTATION_JOB, QUEUES } from '@clockwork/shared-jobs';
import type { Job } from 'bull';
import { JobGate } from '../redis/job-gate.guard';
import { KeyRotationResult, KeyRotationService } from './key-rotation.service';

export { KEY_ROTATION_JOB };

/** Thin processor: one pass of re-encryption to the current key (logs and returns what remains). */
@Processor(QUEUES.keyRotation)
export class KeyRotationProcessor {
  constructor(
    private readonly rotation: KeyRotationService,
    private readonly gate: JobGate,
  ) {}

  @Process({ name: KEY_ROTATION_JOB, concurrency: 1 })
  async run(job: Job): Promise<KeyRotationResult> {
    await this.gate.admit(QUEUES.keyRotation, job);
    return this.rotation.run();
  }
}

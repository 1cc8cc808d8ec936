import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { QUEUES } from '@clockwork/shared-jobs';
import type { Queue } from 'bull';
import { scheduleEvery } from '../scheduling/schedule-every.schedule';
import { EncryptedFields } from './encrypted-fields.cipher';
import { KEY_ROTATION_JOB } from './key-rotation.processor';

export const KEY_ROTATION_EVERY_MS = 24 * 60 * 60 * 1000;

/**
 * At worker start: the daily pass, and one pass now unless one already ran for these keys (the
 * job id names the current and the index key, so a changed first key, a retired index key, or
 * a first start after the encryption migration each run it once; later starts add nothing).
 */
@Injectable()
export class KeyRotationSchedule implements OnApplicationBootstrap {
  private readonly logger = new Logger('KeyRotation');

  constructor(
    @InjectQueue(QUEUES.keyRotation) private readonly queue: Queue,
    private readonly fields: EncryptedFields,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      await scheduleEvery(this.queue, KEY_ROTATION_JOB, KEY_ROTATION_EVERY_MS);
      await this.queue.add(KEY_ROTATION_JOB, {}, { jobId: this.bootJobId(), attempts: 3, backoff: { type: 'exponential', delay: 5000 }, removeOnComplete: 100, removeOnFail: 100 });
    } catch (e) {
      this.logger.warn(`Could not schedule key rotation: ${(e as Error).message}`);
    }
  }

  bootJobId(): string {
    return `keys-${this.fields.currentKeyId}-${this.fields.indexKeyId}`;
  }
}

import { Processor } from '@nestjs/bull';
import { GatedProcess } from '@clockwork/server-core';
import { ProductivitySyncJob, QUEUES } from '@clockwork/shared-jobs';
import type { Job } from 'bull';
import { PushOutcome, SyncPushService } from './sync-push.service';

/** Thin Bull processor: job -> one push of the sync record it points to. */
@Processor(QUEUES.productivitySync)
export class SyncPushProcessor {
  constructor(private readonly pushes: SyncPushService) {}

  @GatedProcess(QUEUES.productivitySync, { concurrency: 8 })
  handle(job: Job<ProductivitySyncJob>): Promise<PushOutcome> {
    return this.pushes.attempt(job.data);
  }
}

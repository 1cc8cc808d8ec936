import { Process, Processor } from '@nestjs/bull';
import { JobGate } from '@clockwork/server-core';
import { ProductivitySyncJob, QUEUES } from '@clockwork/shared-jobs';
import type { Job } from 'bull';
import { PushOutcome, SyncPushService } from './sync-push.service';

/** Thin Bull processor: job -> one push of the sync record it points to. */
@Processor(QUEUES.productivitySync)
export class SyncPushProcessor {
  constructor(
    private readonly pushes: SyncPushService,
    private readonly gate: JobGate,
  ) {}

  @Process({ concurrency: 8 })
  async handle(job: Job<ProductivitySyncJob>): Promise<PushOutcome> {
    await this.gate.admit(QUEUES.productivitySync, job);
    return this.pushes.attempt(job.data);
  }
}

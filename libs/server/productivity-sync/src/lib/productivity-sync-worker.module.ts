import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { QUEUES } from '@clockwork/shared-jobs';
import { SyncPushHandler } from './sync-push.handler';
import { SyncPushProcessor } from './sync-push.processor';
import { SyncPushRelay } from './sync-push.relay';
import { SyncPushService } from './sync-push.service';
import { SyncRecordsRepository } from './sync-records.repository';

/**
 * Worker side of the productivity sync: CRM deal and task events become pending pushes (in
 * the event's transaction), the sweeper enqueues the due ones, the processor pushes them.
 */
@Module({
  imports: [
    BullModule.registerQueue({
      name: QUEUES.productivitySync,
      // The sync record is the record: a failed job is retried a few times, then the sweeper
      // leases the push again once the job's lease runs out.
      defaultJobOptions: { attempts: 3, backoff: { type: 'fixed', delay: 1000 }, removeOnComplete: 1000, removeOnFail: 1000 },
    }),
  ],
  providers: [SyncRecordsRepository, SyncPushHandler, SyncPushService, SyncPushRelay, SyncPushProcessor],
})
export class ProductivitySyncWorkerModule {}

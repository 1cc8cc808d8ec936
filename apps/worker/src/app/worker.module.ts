import { Module } from '@nestjs/common';
import { AttachmentsWorkerModule } from '@clockwork/server-attachments';
import { RetentionWorkerModule } from '@clockwork/server-compliance';
import { CoreModule, KeyRotationModule, OutboxRelayModule } from '@clockwork/server-core';
import { ImportsWorkerModule } from '@clockwork/server-imports';
import { NotificationsWorkerModule } from '@clockwork/server-notifications';
import { ProductivitySyncWorkerModule } from '@clockwork/server-productivity-sync';
import { ReportsWorkerModule } from '@clockwork/server-reports';
import { TimeEntriesWorkerModule } from '@clockwork/server-time-entries';
import { WebhooksWorkerModule } from '@clockwork/server-webhooks';

/** The worker: Bull processors exported by the domain libs, and the outbox relay. */
@Module({
  imports: [CoreModule.forRoot('worker'), OutboxRelayModule, KeyRotationModule, ImportsWorkerModule, TimeEntriesWorkerModule, NotificationsWorkerModule, ReportsWorkerModule, WebhooksWorkerModule, ProductivitySyncWorkerModule, RetentionWorkerModule, AttachmentsWorkerModule],
})
export class WorkerModule {}

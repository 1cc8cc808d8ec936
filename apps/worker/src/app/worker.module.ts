import { Module } from '@nestjs/common';
import { AttachmentsWorkerModule } from '@clockwork/server-attachments';
import { AccountingSyncWorkerModule } from '@clockwork/server-billing';
import { RetentionWorkerModule } from '@clockwork/server-compliance';
import { AuthWorkerModule } from '@clockwork/server-auth';
import { CoreModule, HousekeepingModule, KeyRotationModule, OutboxRelayModule } from '@clockwork/server-core';
import { DealsWorkerModule } from '@clockwork/server-deals';
import { ImportsWorkerModule } from '@clockwork/server-imports';
import { IntegrationsWorkerModule } from '@clockwork/server-integrations';
import { NotificationsWorkerModule } from '@clockwork/server-notifications';
import { ProductivitySyncWorkerModule } from '@clockwork/server-productivity-sync';
import { ReportsWorkerModule } from '@clockwork/server-reports';
import { TimeEntriesWorkerModule } from '@clockwork/server-time-entries';
import { WebhooksWorkerModule } from '@clockwork/server-webhooks';

/**
 * The worker: Bull processors exported by the domain libs, the outbox relay, and housekeeping (the
 * domains' worker modules register the clean-ups of their own tables with it).
 */
@Module({
  imports: [CoreModule.forRoot('worker'), HousekeepingModule, OutboxRelayModule, KeyRotationModule, AuthWorkerModule, IntegrationsWorkerModule, ImportsWorkerModule, TimeEntriesWorkerModule, NotificationsWorkerModule, DealsWorkerModule, ReportsWorkerModule, WebhooksWorkerModule, ProductivitySyncWorkerModule, RetentionWorkerModule, AttachmentsWorkerModule, AccountingSyncWorkerModule],
})
export class WorkerModule {}

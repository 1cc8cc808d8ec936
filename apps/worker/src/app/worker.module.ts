import { Module } from '@nestjs/common';
import { AttachmentsWorkerModule } from '@clockwork/server-attachments';
import { AccountingSyncWorkerModule } from '@clockwork/server-billing';
import { RetentionWorkerModule } from '@clockwork/server-compliance';
import { AuthWorkerModule } from '@clockwork/server-auth';
import { BulkEditsWorkerModule } from '@clockwork/server-bulk-edits';
import { CoreModule, HousekeepingModule, KeyRotationModule, OutboxRelayModule, QueueDrain } from '@clockwork/server-core';
import { CustomFieldsWorkerModule } from '@clockwork/server-custom-fields';
import { DealsWorkerModule } from '@clockwork/server-deals';
import { EmailLogWorkerModule } from '@clockwork/server-email-log';
import { ImportsWorkerModule } from '@clockwork/server-imports';
import { IntegrationsWorkerModule } from '@clockwork/server-integrations';
import { NotificationsWorkerModule } from '@clockwork/server-notifications';
import { ProductivitySyncWorkerModule } from '@clockwork/server-productivity-sync';
import { ReportsWorkerModule } from '@clockwork/server-reports';
import { InsightsWorkerModule } from '@clockwork/server-insights';
import { TimeEntriesWorkerModule } from '@clockwork/server-time-entries';
import { WebhooksWorkerModule } from '@clockwork/server-webhooks';

/**
 * The worker: Bull processors exported by the domain libs, the outbox relay, and housekeeping (the
 * domains' worker modules register the clean-ups of their own tables with it).
 */
@Module({
  imports: [CoreModule.forRoot('worker'), HousekeepingModule, OutboxRelayModule, KeyRotationModule, AuthWorkerModule, IntegrationsWorkerModule, ImportsWorkerModule, TimeEntriesWorkerModule, NotificationsWorkerModule, DealsWorkerModule, ReportsWorkerModule, WebhooksWorkerModule, ProductivitySyncWorkerModule, RetentionWorkerModule, AttachmentsWorkerModule, AccountingSyncWorkerModule, InsightsWorkerModule, EmailLogWorkerModule, CustomFieldsWorkerModule, BulkEditsWorkerModule],
  // On close, the queues wait for their active jobs before the database pools close.
  providers: [QueueDrain],
})
export class WorkerModule {}

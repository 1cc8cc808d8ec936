import { Module } from '@nestjs/common';
import { SignedWebhookPrecheck } from '@clockwork/server-core';
import { ProductivitySyncModule } from '@clockwork/server-productivity-sync';
import { TasksModule } from '@clockwork/server-tasks';
import { TimeEntriesModule } from '@clockwork/server-time-entries';
import { CrmEventController } from './crm-event.controller';
import { CrmEventHandlers } from './crm-event.handler';
import { CrmEventPrecheck } from './crm-event-precheck.middleware';
import { CrmEventReceiver } from './crm-event-receiver.service';
import { EmployeeLinker } from './employee-linker.service';
import { EmployeeLinksRepository } from './employee-links.repository';
import { InboundTaskSync } from './inbound-task-sync.service';
import { IntegrationsController } from './integrations.controller';
import { IntegrationsRepository } from './integrations.repository';
import { IntegrationsService } from './integrations.service';
import { WebhookReceiptsRepository } from './webhook-receipts.repository';

/** Integrations with the productivity platform and the signed webhooks they send. */
@Module({
  imports: [TimeEntriesModule, TasksModule, ProductivitySyncModule],
  controllers: [IntegrationsController, CrmEventController],
  providers: [{ provide: SignedWebhookPrecheck, useClass: CrmEventPrecheck }, IntegrationsService, IntegrationsRepository, CrmEventReceiver, CrmEventHandlers, WebhookReceiptsRepository, InboundTaskSync, EmployeeLinker, EmployeeLinksRepository],
  exports: [IntegrationsService],
})
export class IntegrationsModule {}

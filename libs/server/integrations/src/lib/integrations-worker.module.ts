import { Module } from '@nestjs/common';
import { WebhookReceiptsCleanup } from './webhook-receipts.cleanup';

/** The worker side of integrations: pruning old inbound webhook receipts (housekeeping). */
@Module({ providers: [WebhookReceiptsCleanup] })
export class IntegrationsWorkerModule {}

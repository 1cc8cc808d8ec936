import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { NotificationWriterModule } from '@clockwork/server-notifications';
import { QUEUES } from '@clockwork/shared-jobs';
import { DeliveryAttemptService } from './delivery-attempt.service';
import { DeliveryStore } from './delivery.store';
import { SecretBox } from './secret-box.cipher';
import { WebhookDeliveriesCleanup } from './webhook-deliveries.cleanup';
import { WebhookDeliveryProcessor } from './webhook-delivery.processor';
import { WebhookDeliveryRelay } from './webhook-delivery.relay';
import { WebhookFanOut } from './webhook-fan-out.handler';

/**
 * Worker side of outbound webhooks: the fan-out of domain events into deliveries, the relay
 * (and sweeper) that enqueues due deliveries, the processor that sends them, and the pruning of
 * finished deliveries (housekeeping).
 */
@Module({
  imports: [
    NotificationWriterModule,
    BullModule.registerQueue({
      name: QUEUES.webhookDeliveries,
      // The delivery row is the record: a failed job (e.g. PostgreSQL unreachable) is retried
      // a few times, then the relay leases the delivery again once the job's lease runs out.
      defaultJobOptions: { attempts: 3, backoff: { type: 'fixed', delay: 1000 }, removeOnComplete: 1000, removeOnFail: 1000 },
    }),
  ],
  providers: [DeliveryStore, SecretBox, DeliveryAttemptService, WebhookDeliveryRelay, WebhookDeliveryProcessor, WebhookFanOut, WebhookDeliveriesCleanup],
  exports: [WebhookDeliveryRelay],
})
export class WebhooksWorkerModule {}

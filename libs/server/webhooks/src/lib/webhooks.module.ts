import { Module } from '@nestjs/common';
import { DeliveriesRepository } from './deliveries.repository';
import { DeliveriesService } from './deliveries.service';
import { SecretBox } from './secret-box.cipher';
import { SubscriptionsController } from './subscriptions.controller';
import { SubscriptionsRepository } from './subscriptions.repository';
import { SubscriptionsService } from './subscriptions.service';

/** The api side of outbound webhooks: subscriptions, the delivery log, redelivery. */
@Module({
  controllers: [SubscriptionsController],
  providers: [SubscriptionsService, SubscriptionsRepository, DeliveriesService, DeliveriesRepository, SecretBox],
})
export class WebhooksModule {}

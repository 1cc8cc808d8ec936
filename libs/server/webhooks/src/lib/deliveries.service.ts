import { ConflictException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditWriter, RequestContext, SEALED, SealedColumns } from '@clockwork/server-core';
import type { WebhookDeliveryDto, WebhookDeliveryPageDto, WebhookDeliveryQueryDto } from '@clockwork/shared-dto';
import type { WebhookDelivery } from '@clockwork/shared-entities';
import { DataSource } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { v7 as uuidv7 } from 'uuid';
import { DeliveriesRepository } from './deliveries.repository';
import { messageIdOf, webhookBody } from './delivery.store';
import { SubscriptionsRepository } from './subscriptions.repository';
import { toDeliveryDto } from './webhook.mapper';

/** The delivery log of a subscription, manual redelivery and test deliveries (sent by the worker). */
@Injectable()
export class DeliveriesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly subscriptions: SubscriptionsRepository,
    private readonly deliveries: DeliveriesRepository,
    private readonly audit: AuditWriter,
    private readonly context: RequestContext,
    private readonly sealed: SealedColumns,
  ) {}

  async list(subscriptionId: string, query: WebhookDeliveryQueryDto): Promise<WebhookDeliveryPageDto> {
    await this.subscriptions.getById(subscriptionId);
    return this.deliveries.listPage(subscriptionId, query, toDeliveryDto);
  }

  /** Sends the delivery again from the start of the retry schedule, with the same webhook-id. */
  redeliver(subscriptionId: string, deliveryId: string): Promise<WebhookDeliveryDto> {
    return this.dataSource.transaction(async (manager) => {
      const subscription = await this.subscriptions.getById(subscriptionId, manager);
      const before = await this.deliveries.lockOfSubscription(manager, subscriptionId, deliveryId);
      if (!subscription.enabled) throw new ConflictException('The subscription is disabled; enable it before redelivering');
      const after = await this.deliveries.updateById(manager, deliveryId, {
        state: 'pending',
        roundAttempts: 0,
        nextAttemptAt: () => 'now()',
        completedAt: null,
      } as QueryDeepPartialEntity<WebhookDelivery>);
      await this.audit.record(manager, {
        action: 'redeliver',
        objectType: 'webhook_delivery',
        objectId: deliveryId,
        before: { state: before.state },
        after: { state: after.state },
        details: { subscription_id: subscriptionId, message_id: before.messageId },
      });
      return toDeliveryDto(after, (await this.deliveries.attemptsOf([deliveryId], manager)).get(deliveryId));
    });
  }

  /** A `webhook.test` delivery to the subscription (whatever its event filters). */
  sendTest(subscriptionId: string): Promise<WebhookDeliveryDto> {
    return this.dataSource.transaction(async (manager) => {
      const subscription = await this.subscriptions.getById(subscriptionId, manager);
      if (!subscription.enabled) throw new ConflictException('The subscription is disabled; enable it before testing');
      const eventId = uuidv7();
      const organizationId = this.context.organizationId;
      const body = webhookBody({ id: eventId, type: 'webhook.test', createdAt: new Date(), organizationId, payload: { subscription_id: subscriptionId } });
      const id = uuidv7();
      const row = await this.deliveries.insert(manager, {
        id,
        subscriptionId,
        eventId: null,
        messageId: messageIdOf(eventId),
        eventType: 'webhook.test',
        body: this.sealed.seal(SEALED.deliveryBody, { organizationId, id }, body),
        nextAttemptAt: () => 'now()',
      } as QueryDeepPartialEntity<WebhookDelivery>);
      await this.audit.record(manager, { action: 'test', objectType: 'webhook_subscription', objectId: subscriptionId, details: { delivery_id: row.id, message_id: row.messageId } });
      return toDeliveryDto(row);
    });
  }
}

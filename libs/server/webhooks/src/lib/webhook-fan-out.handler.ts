import { Injectable } from '@nestjs/common';
import { DomainEvent, DomainEventTransaction, OnDomainEvent, webhookEvents } from '@clockwork/server-core';
import { isPublishedWebhookEvent } from '@clockwork/shared-dto';
import { EntityManager } from 'typeorm';
import { DeliveryStore } from './delivery.store';
import { WebhookDeliveryRelay } from './webhook-delivery.relay';

/**
 * Turns every published domain event into deliveries, a batch of events at a time, inside the
 * transaction that marks the events processed (so each event fans out exactly once, and a
 * delivery exists exactly when its event was handled); once that transaction commits, the relay
 * is woken to enqueue them.
 */
@Injectable()
export class WebhookFanOut {
  constructor(
    private readonly store: DeliveryStore,
    private readonly relay: WebhookDeliveryRelay,
  ) {}

  /** The published events of a batch (one organization) -> their deliveries, in one statement. */
  @OnDomainEvent(webhookEvents(), { batch: true })
  async handle(events: DomainEvent[], manager: EntityManager, tx: DomainEventTransaction): Promise<void> {
    const published = events.filter((e) => isPublishedWebhookEvent(e.type));
    if (published.length === 0) return;
    const created = await this.store.fanOut(manager, published[0].organizationId, published);
    if (created > 0) tx.afterCommit(() => this.relay.kick());
  }
}

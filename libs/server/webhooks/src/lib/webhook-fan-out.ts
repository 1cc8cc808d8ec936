import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainEvent, DomainEventHandlers } from '@clockwork/server-core';
import { isPublishedWebhookEvent } from '@clockwork/shared-dto';
import { DataSource, EntityManager, EntitySubscriberInterface, QueryRunner, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';
import { DeliveryStore } from './delivery.store';
import { WebhookDeliveryRelay } from './webhook-delivery.relay';

/**
 * Turns every published domain event into deliveries, a batch of events at a time, inside the
 * transaction that marks the events processed (so each event fans out exactly once, and a
 * delivery exists exactly when its event was handled); once that transaction commits, the relay
 * is woken to enqueue them.
 */
@Injectable()
export class WebhookFanOut implements OnModuleInit, OnModuleDestroy, EntitySubscriberInterface {
  private readonly withDeliveries = new WeakSet<QueryRunner>();
  private unregister: (() => void) | undefined;

  constructor(
    private readonly handlers: DomainEventHandlers,
    private readonly store: DeliveryStore,
    private readonly relay: WebhookDeliveryRelay,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.unregister = this.handlers.registerBatch('*', (events, manager) => this.handle(events, manager));
    this.dataSource.subscribers.push(this);
  }

  onModuleDestroy(): void {
    this.unregister?.();
    const at = this.dataSource.subscribers.indexOf(this);
    if (at >= 0) this.dataSource.subscribers.splice(at, 1);
  }

  /** The published events of a batch (one organization) -> their deliveries, in one statement. */
  async handle(events: DomainEvent[], manager: EntityManager): Promise<void> {
    const published = events.filter((e) => isPublishedWebhookEvent(e.type));
    if (published.length === 0) return;
    const created = await this.store.fanOut(manager, published[0].organizationId, published);
    if (created > 0 && manager.queryRunner) this.withDeliveries.add(manager.queryRunner);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    if (!this.withDeliveries.has(event.queryRunner)) return;
    this.withDeliveries.delete(event.queryRunner);
    this.relay.kick();
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    this.withDeliveries.delete(event.queryRunner);
  }
}

import { Injectable, NotFoundException } from '@nestjs/common';
import { SEALED, SealedColumns, TenantRepository, whereEquals } from '@clockwork/server-core';
import type { WebhookDeliveryDto, WebhookDeliveryQueryDto } from '@clockwork/shared-dto';
import { WebhookDelivery, WebhookDeliveryAttempt } from '@clockwork/shared-entities';
import { EntityManager, In, SelectQueryBuilder } from 'typeorm';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class DeliveriesRepository extends TenantRepository<WebhookDelivery> {
  constructor(private readonly sealed: SealedColumns) {
    super(WebhookDelivery, 'Webhook delivery');
  }

  /** One page of a subscription's deliveries (newest first by default), each with its attempts. */
  async listPage(subscriptionId: string, query: WebhookDeliveryQueryDto, map: (d: WebhookDelivery, attempts: WebhookDeliveryAttempt[]) => WebhookDeliveryDto) {
    const filter = (qb: SelectQueryBuilder<WebhookDelivery>) => whereEquals(qb.andWhere('d.subscription_id = :subscriptionId', { subscriptionId }), 'd', { state: query.state, event_type: query.event_type });
    const rows: WebhookDelivery[] = [];
    const page = await this.page('d', query, (d) => (rows.push(d), d), { filter });
    const attempts = await this.attemptsOf(rows.map((d) => d.id));
    return { data: page.data.map((d) => map(d, attempts.get(d.id) ?? [])), next_cursor: page.next_cursor };
  }

  /** The attempts of these deliveries, oldest first, their response excerpts opened (stored sealed). */
  async attemptsOf(deliveryIds: string[], manager?: EntityManager): Promise<Map<string, WebhookDeliveryAttempt[]>> {
    const byDelivery = new Map<string, WebhookDeliveryAttempt[]>();
    if (deliveryIds.length === 0) return byDelivery;
    const rows = await (manager ?? this.dataSource.manager).getRepository(WebhookDeliveryAttempt).find({
      where: { organizationId: this.organizationId, deliveryId: In(deliveryIds) },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    for (const a of rows) {
      a.responseExcerpt = this.sealed.openNullable(SEALED.attemptResponse, a, a.responseExcerpt);
      byDelivery.set(a.deliveryId, [...(byDelivery.get(a.deliveryId) ?? []), a]);
    }
    return byDelivery;
  }

  /** Locks a delivery of this subscription for the rest of the transaction, or 404 (a malformed id is simply not found). */
  async lockOfSubscription(manager: EntityManager, subscriptionId: string, id: string): Promise<WebhookDelivery> {
    const row = UUID.test(id)
      ? await this.repository(manager).findOne({ where: { organizationId: this.organizationId, subscriptionId, id }, lock: { mode: 'pessimistic_write' } })
      : null;
    if (!row) throw new NotFoundException('Webhook delivery not found');
    return row;
  }
}

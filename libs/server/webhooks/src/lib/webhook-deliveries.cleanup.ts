import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { deleteRowsInChunks, Env, HOUSEKEEPING_CHUNK, HousekeepingRegistry } from '@clockwork/server-core';
import { DataSource } from 'typeorm';

/** Outbound webhooks' housekeeping: finished deliveries past WEBHOOK_DELIVERY_RETENTION_DAYS (`webhook_deliveries`). */
@Injectable()
export class WebhookDeliveriesCleanup implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registry: HousekeepingRegistry,
    private readonly env: Env,
  ) {}

  onModuleInit(): void {
    this.registry.register('webhook_deliveries', () => this.deleteFinishedDeliveries(this.env.WEBHOOK_DELIVERY_RETENTION_DAYS));
  }

  /**
   * Webhook deliveries finished (succeeded, or failed for good) more than `retentionDays` ago,
   * with their attempts (the foreign key cascades), in chunks. Pending deliveries stay, however old.
   */
  deleteFinishedDeliveries(retentionDays: number, chunk = HOUSEKEEPING_CHUNK): Promise<number> {
    return deleteRowsInChunks(
      this.dataSource,
      `DELETE FROM webhook_deliveries d
        USING (SELECT organization_id, id FROM webhook_deliveries
                WHERE state <> 'pending' AND completed_at < now() - make_interval(days => $2) ORDER BY completed_at LIMIT $1) AS old
        WHERE d.organization_id = old.organization_id AND d.id = old.id`,
      [retentionDays],
      chunk,
    );
  }
}

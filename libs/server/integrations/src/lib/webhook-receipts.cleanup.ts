import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { deleteRowsInChunks, Env, HOUSEKEEPING_CHUNK, HousekeepingRegistry } from '@clockwork/server-core';
import { DataSource } from 'typeorm';

/** Inbound webhooks' housekeeping: receipts past WEBHOOK_RECEIPT_RETENTION_DAYS (`webhook_receipts`). */
@Injectable()
export class WebhookReceiptsCleanup implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registry: HousekeepingRegistry,
    private readonly env: Env,
  ) {}

  onModuleInit(): void {
    this.registry.register('webhook_receipts', () => this.deleteOldWebhookReceipts(this.env.WEBHOOK_RECEIPT_RETENTION_DAYS));
  }

  /** Inbound webhook receipts older than the dedupe window (a sender retrying later than that is a new delivery). */
  deleteOldWebhookReceipts(retentionDays: number, chunk = HOUSEKEEPING_CHUNK): Promise<number> {
    return deleteRowsInChunks(
      this.dataSource,
      `DELETE FROM webhook_receipts r
        USING (SELECT ctid FROM webhook_receipts WHERE received_at < now() - make_interval(days => $2) ORDER BY received_at LIMIT $1) AS old
        WHERE r.ctid = old.ctid`,
      [retentionDays],
      chunk,
    );
  }
}

import { Injectable, OnModuleInit } from '@nestjs/common';
import { Env } from '../config/environment.config';
import { deleteInChunks, HOUSEKEEPING_CHUNK } from '../housekeeping/chunked-delete.util';
import { HousekeepingRegistry } from '../housekeeping/housekeeping.registry';
import { OutboxRepository } from './outbox.repository';

/** The outbox's housekeeping: processed events past OUTBOX_RETENTION_DAYS (`outbox_events`). */
@Injectable()
export class OutboxCleanup implements OnModuleInit {
  constructor(
    private readonly outbox: OutboxRepository,
    private readonly registry: HousekeepingRegistry,
    private readonly env: Env,
  ) {}

  onModuleInit(): void {
    this.registry.register('outbox_events', () => this.deleteProcessedEvents(this.env.OUTBOX_RETENTION_DAYS));
  }

  /**
   * Outbox events processed more than `retentionDays` ago (their handlers ran; webhook
   * deliveries keep their own copy), in chunks: the copies of records they carry go with them.
   */
  deleteProcessedEvents(retentionDays: number, chunk = HOUSEKEEPING_CHUNK): Promise<number> {
    const cutoff = new Date(Date.now() - retentionDays * 86_400_000);
    return deleteInChunks((limit) => this.outbox.deleteProcessedBefore(cutoff, limit), chunk);
  }
}

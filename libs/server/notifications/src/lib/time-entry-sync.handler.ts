import { Injectable, OnModuleInit } from '@nestjs/common';
import { DomainEvent, DomainEventHandlers } from '@clockwork/server-core';
import { EntityManager } from 'typeorm';

/**
 * `sync_status` of a time entry: written `pending`, `synced` once the worker has processed the
 * event of the entry's latest version (in that event's transaction). An event of an older
 * version changes nothing: a newer write is still on its way.
 */
@Injectable()
export class TimeEntrySyncHandler implements OnModuleInit {
  constructor(private readonly handlers: DomainEventHandlers) {}

  onModuleInit(): void {
    this.handlers.register('time_entry.*', (event, manager) => this.synced(event, manager));
  }

  private async synced(event: DomainEvent, manager: EntityManager): Promise<void> {
    const version = event.payload['version'];
    if (!event.aggregateId || typeof version !== 'number') return;
    await manager.query(
      `UPDATE time_entries SET sync_status = 'synced' WHERE organization_id = $1 AND id = $2 AND version = $3 AND sync_status <> 'synced'`,
      [event.organizationId, event.aggregateId, version],
    );
  }
}

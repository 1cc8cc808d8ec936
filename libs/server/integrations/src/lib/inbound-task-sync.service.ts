import { Injectable } from '@nestjs/common';
import { InboundTaskResult, InboundTaskSyncService } from '@clockwork/server-productivity-sync';
import type { TaskUpdatedEventDto } from '@clockwork/shared-dto';
import { EntityManager } from 'typeorm';

/**
 * The one place a task change from the productivity platform is applied to the CRM task: the
 * two-way sync's conflict-aware merge (libs/server/productivity-sync).
 */
@Injectable()
export class InboundTaskSync {
  constructor(private readonly sync: InboundTaskSyncService) {}

  apply(manager: EntityManager, data: TaskUpdatedEventDto): Promise<InboundTaskResult> {
    return this.sync.apply(manager, data);
  }
}

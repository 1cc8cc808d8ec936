import { Injectable } from '@nestjs/common';
import { TimeEntriesService } from '@clockwork/server-time-entries';
import { EntityManager } from 'typeorm';
import type { CrmEvent } from './crm-event.parser';
import { EmployeeLinker } from './employee-linker.service';
import { InboundTaskSync } from './inbound-task-sync.service';

/**
 * What each inbound event does, inside the transaction that also records its receipt. Time
 * entries take the same ingestion path as `POST /time-entries` (dedupe by external_id, newer
 * `updated_at` updates, mapping, audit, events).
 */
@Injectable()
export class CrmEventHandlers {
  constructor(
    private readonly timeEntries: TimeEntriesService,
    private readonly taskSync: InboundTaskSync,
    private readonly employees: EmployeeLinker,
  ) {}

  /** Returns what the event did (created, updated, existing, counted, locked, deleted, not_found, linked, ...). */
  async handle(manager: EntityManager, event: CrmEvent): Promise<string> {
    switch (event.type) {
      case 'time_entry.created':
      case 'time_entry.updated':
        return (await this.timeEntries.ingestIn(manager, event.entry)).status;
      case 'time_entry.deleted':
        return this.timeEntries.removeByExternalIdIn(manager, event.data.external_id);
      case 'task.updated':
        return this.taskSync.apply(manager, event.data);
      case 'employee.updated':
        return this.employees.link(manager, event.data);
    }
  }
}

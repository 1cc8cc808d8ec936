import { Injectable } from '@nestjs/common';
import { RequestContext } from '@clockwork/server-core';
import { TasksRepository, TasksService } from '@clockwork/server-tasks';
import type { PatchTaskDto, TaskUpdatedEventDto } from '@clockwork/shared-dto';
import { EntityManager } from 'typeorm';
import { normalizeDate, sameValues, SyncValues, TaskForSync, taskValues } from './sync.fields';
import { SyncConflictsRepository } from './sync-conflicts.repository';
import { SyncRecordsRepository } from './sync-records.repository';
import { mergeRemoteChange } from './task-merge.rules';

export type InboundTaskResult = 'updated' | 'unchanged' | 'conflict' | 'stale' | 'not_found';

/** The fields a `task.updated` event sent, as the CRM compares them. */
function sentValues(data: TaskUpdatedEventDto): SyncValues {
  const sent: SyncValues = {};
  if (data.title !== undefined) sent['title'] = data.title;
  if (data.status !== undefined) sent['status'] = data.status;
  if (data.due_date !== undefined) sent['due_date'] = normalizeDate(data.due_date);
  return sent;
}

/**
 * Applies a `task.updated` event from the productivity platform to the CRM task, conflict-aware
 * (mergeRemoteChange against the sync record's snapshot), inside the webhook's transaction and
 * as the integration. Afterwards the remote's values are the snapshot, so the CRM write this
 * causes is not pushed back (no echo); fields the CRM kept are pushed. An event not newer than
 * the last one synced from the platform changes nothing (`stale`).
 */
@Injectable()
export class InboundTaskSyncService {
  constructor(
    private readonly tasks: TasksService,
    private readonly taskRecords: TasksRepository,
    private readonly records: SyncRecordsRepository,
    private readonly conflicts: SyncConflictsRepository,
    private readonly context: RequestContext,
  ) {}

  async apply(manager: EntityManager, data: TaskUpdatedEventDto): Promise<InboundTaskResult> {
    if (!(await this.taskRecords.findById(data.id, manager))) return 'not_found';
    await this.taskRecords.lockById(manager, data.id);
    const organizationId = this.context.organizationId;
    const principal = this.context.principal;
    const integrationId = principal?.kind === 'integration' ? principal.id : null;
    const record = integrationId ? await this.records.lockRecord(manager, organizationId, integrationId, 'task', data.id) : null;
    const remoteAt = new Date(data.updated_at);
    if (record?.remote_updated_at && remoteAt.getTime() <= new Date(record.remote_updated_at).getTime()) return 'stale';
    const sent = sentValues(data);
    if (Object.keys(sent).length === 0) return 'unchanged';

    const before = (await this.records.task(manager, organizationId, data.id)) as TaskForSync;
    const { apply, conflicts } = mergeRemoteChange({ sent, crm: taskValues(before), snapshot: record?.snapshot ?? null, remoteAt, crmAt: before.updated_at });
    const applied = Object.keys(apply).length > 0;
    if (applied) await this.tasks.update(data.id, apply as PatchTaskDto, undefined, manager);
    if (integrationId) {
      const after = (await this.records.task(manager, organizationId, data.id)) as TaskForSync;
      const snapshot = { ...(record?.snapshot ?? taskValues(after)), ...sent };
      const pushPending = !sameValues(taskValues(after), snapshot);
      const syncRecordId = await this.records.recordRemoteChange(manager, organizationId, integrationId, data.id, { snapshot, crmUpdatedAt: after.updated_at, remoteUpdatedAt: remoteAt, pushPending });
      await this.conflicts.insertMany(manager, syncRecordId, data.id, conflicts, { crm: before.updated_at, remote: remoteAt });
    }
    return applied ? 'updated' : conflicts.length > 0 ? 'conflict' : 'unchanged';
  }
}

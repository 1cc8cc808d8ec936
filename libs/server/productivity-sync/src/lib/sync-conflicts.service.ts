import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditWriter, OutboxWriter, RequestContext } from '@clockwork/server-core';
import { completedAtFor, TasksRepository, toTaskDto } from '@clockwork/server-tasks';
import type { ResolveSyncConflictDto, SyncConflictDto, SyncConflictPageDto, SyncConflictQueryDto } from '@clockwork/shared-dto';
import type { Task, TaskStatus } from '@clockwork/shared-entities';
import { DataSource, EntityManager } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { sameValue } from './sync.fields';
import { SyncConflictRow, SyncConflictsRepository, toSyncConflictDto } from './sync-conflicts.repository';

/** A synced task field -> the task column and its wire value. */
const TASK_FIELDS: Record<string, { column: keyof Task; wire: (t: Task) => unknown; value: (v: unknown) => unknown }> = {
  title: { column: 'title', wire: (t) => t.title, value: (v) => v },
  status: { column: 'status', wire: (t) => t.status, value: (v) => v },
  due_date: { column: 'dueDate', wire: (t) => (t.dueDate ? t.dueDate.toISOString() : null), value: (v) => (v === null ? null : new Date(v as string)) },
};

/**
 * The conflicts list and its review: resolving keeps one side's value. When the kept value is
 * the one that lost, the record's field is flipped to it (its `task.updated` event then pushes
 * it to the platform when the platform holds the other value); one audit row per resolution
 * (object `sync_conflict`) carries the field's change.
 */
@Injectable()
export class SyncConflictsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly conflicts: SyncConflictsRepository,
    private readonly tasks: TasksRepository,
    private readonly audit: AuditWriter,
    private readonly outbox: OutboxWriter,
    private readonly context: RequestContext,
  ) {}

  list(query: SyncConflictQueryDto): Promise<SyncConflictPageDto> {
    return this.conflicts.listPage(query);
  }

  resolve(id: string, dto: ResolveSyncConflictDto): Promise<SyncConflictDto> {
    return this.dataSource.transaction(async (manager) => {
      const conflict = await this.conflicts.lockById(manager, id);
      if (!conflict) throw new NotFoundException('Sync conflict not found');
      if (conflict.resolved_at) throw new ConflictException(`This conflict was already resolved (kept ${conflict.resolution})`);
      const kept = dto.keep === 'crm' ? conflict.crm_value : conflict.remote_value;
      const change = dto.keep === conflict.winner ? null : await this.flip(manager, conflict, kept ?? null);
      const principal = this.context.principal;
      const resolved = await this.conflicts.markResolved(manager, id, dto.keep, principal?.kind === 'user' ? principal.id : null);
      await this.audit.record(manager, {
        action: 'resolve',
        objectType: 'sync_conflict',
        objectId: id,
        before: { resolution: null, ...(change ? { [conflict.field]: change.from } : {}) },
        after: { resolution: dto.keep, ...(change ? { [conflict.field]: change.to } : {}) },
        details: { record_type: conflict.record_type, record_id: conflict.record_id, field: conflict.field },
      });
      return toSyncConflictDto(resolved);
    });
  }

  /** Sets the task's field to the kept value (with its `task.updated` event); null when nothing changes. */
  private async flip(manager: EntityManager, conflict: SyncConflictRow, kept: unknown): Promise<{ from: unknown; to: unknown } | null> {
    const field = TASK_FIELDS[conflict.field];
    if (conflict.record_type !== 'task' || !field) return null;
    if (!(await this.tasks.findById(conflict.record_id, manager))) return null;
    const before = await this.tasks.lockById(manager, conflict.record_id);
    const from = field.wire(before);
    if (sameValue(from, kept)) return null;
    const values = { [field.column]: field.value(kept) } as QueryDeepPartialEntity<Task>;
    const status = (conflict.field === 'status' ? kept : before.status) as TaskStatus;
    const after = await this.tasks.updateById(manager, before.id, { ...values, completedAt: completedAtFor(before, status, new Date()), version: () => 'version + 1' });
    await this.outbox.record(manager, { organizationId: this.context.organizationId, type: 'task.updated', aggregateType: 'task', aggregateId: after.id, payload: toTaskDto(after) as unknown as Record<string, unknown> });
    return { from, to: field.wire(after) };
  }
}

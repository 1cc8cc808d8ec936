import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { assertMayModify } from '@clockwork/server-auth';
import { CustomFieldRecordReads, CustomFieldsValidator } from '@clockwork/server-custom-fields';
import { assertVersion, AuditWriter, OutboxWriter, RequestContext } from '@clockwork/server-core';
import type { BulkAssignResultDto, BulkAssignTasksDto, CreateTaskDto, PatchTaskDto, TaskDto, TaskPageDto, TaskQueryDto } from '@clockwork/shared-dto';
import type { Task } from '@clockwork/shared-entities';
import { DataSource, EntityManager } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { toTaskDto } from './task.mapper';
import { completedAtFor, missingIds } from './task.rules';
import { TasksRepository } from './tasks.repository';

const toDate = (value: string | null | undefined) => (value === undefined ? undefined : value === null ? null : new Date(value));

/** DTO fields -> entity columns; only the fields sent (a POST fills defaults in the database). */
function columns(dto: PatchTaskDto): QueryDeepPartialEntity<Task> {
  const values: QueryDeepPartialEntity<Task> = {
    title: dto.title,
    description: dto.description,
    dealId: dto.deal_id,
    assignedTo: dto.assigned_to,
    status: dto.status,
    priority: dto.priority,
    dueDate: toDate(dto.due_date),
    estimatedHours: dto.estimated_hours,
  };
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
}

/**
 * Tasks: every write is one transaction with its audit row and its outbox event
 * (`task.created|updated|deleted`). `completed_at` follows the status; sales may change only
 * tasks assigned to them or created by them; bulk assignment is all-or-nothing.
 */
@Injectable()
export class TasksService extends CustomFieldRecordReads<Task, TaskQueryDto, TaskDto> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tasks: TasksRepository,
    private readonly audit: AuditWriter,
    private readonly outbox: OutboxWriter,
    private readonly context: RequestContext,
    customFields: CustomFieldsValidator,
  ) {
    super(tasks, toTaskDto, customFields, 'task');
  }

  /** The caller's assigned tasks (the route is for users only). */
  async listMine(query: Omit<TaskQueryDto, 'assigned_to'>): Promise<TaskPageDto> {
    const principal = this.context.principal;
    if (principal?.kind !== 'user') throw new ForbiddenException('Only a signed-in user has tasks of their own');
    return this.list({ ...query, assigned_to: principal.id });
  }

  create(dto: CreateTaskDto): Promise<TaskDto> {
    return this.dataSource.transaction(async (manager) => {
      const principal = this.context.principal;
      const customFields = await this.customFields.valuesToStore(manager, 'task', dto.custom_fields, 'create');
      const task = await this.tasks.insert(manager, {
        ...columns(dto),
        customFields,
        completedAt: completedAtFor(null, dto.status ?? 'todo', new Date()),
        createdBy: principal?.kind === 'user' ? principal.id : null,
      });
      await this.written(manager, 'create', null, task);
      return toTaskDto(task);
    });
  }

  /** `outer`: the caller's transaction (a signed webhook's, whose receipt commits with the change), else a new one. */
  update(id: string, dto: PatchTaskDto, expectedVersion?: number, outer?: EntityManager): Promise<TaskDto> {
    const inTransaction = (work: (m: EntityManager) => Promise<TaskDto>) => (outer ? work(outer) : this.dataSource.transaction(work));
    return inTransaction(async (manager) => {
      const before = await this.tasks.lockById(manager, id);
      assertMayModify(this.context.principal, [before.assignedTo, before.createdBy], 'tasks');
      assertVersion(before.version, expectedVersion, 'task');
      const customFields = await this.customFields.valuesToStore(manager, 'task', dto.custom_fields, 'patch', before.customFields);
      const after = await this.tasks.updateById(manager, id, {
        ...columns(dto),
        ...(customFields && { customFields }),
        completedAt: completedAtFor(before, dto.status ?? before.status, new Date()),
        version: () => 'version + 1',
      });
      await this.written(manager, 'update', before, after);
      return toTaskDto(after);
    });
  }

  remove(id: string): Promise<void> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.tasks.lockById(manager, id);
      assertMayModify(this.context.principal, [before.assignedTo, before.createdBy], 'tasks');
      await this.tasks.deleteById(manager, id);
      await this.written(manager, 'delete', before, null);
    });
  }

  /**
   * Assigns every named task, or none: when any id is not a task of the organization the
   * answer is 404 naming those ids and nothing changes. Tasks already assigned so are left as
   * they are; each changed task gets its own audit row and `task.updated` event.
   */
  bulkAssign(dto: BulkAssignTasksDto): Promise<BulkAssignResultDto> {
    const ids = [...new Set(dto.task_ids.map((id) => id.toLowerCase()))];
    return this.dataSource.transaction(async (manager) => {
      const found = await this.tasks.lockMany(manager, ids);
      const missing = missingIds(ids, found);
      if (missing.length > 0) {
        throw new NotFoundException({
          message: `${missing.length} of task_ids ${missing.length === 1 ? 'is' : 'are'} not a task of this organization: ${missing.join(', ')}`,
          details: [{ field: 'task_ids', errors: missing.map((id) => `${id} is not a task of this organization`) }],
        });
      }
      const changing = found.filter((t) => t.assignedTo !== dto.assigned_to);
      const assigned = new Map((await this.tasks.assignMany(manager, changing.map((t) => t.id), dto.assigned_to)).map((t) => [t.id, t]));
      for (const before of changing) await this.written(manager, 'update', before, assigned.get(before.id) as Task);
      const now = new Map(found.map((t) => [t.id, assigned.get(t.id) ?? t]));
      return { updated: changing.length, data: ids.map((id) => toTaskDto(now.get(id) as Task)) };
    });
  }

  private async written(manager: EntityManager, action: 'create' | 'update' | 'delete', before: Task | null, after: Task | null): Promise<void> {
    const dto = (t: Task | null) => (t ? toTaskDto(t) : null);
    const id = (after ?? before)?.id as string;
    await this.audit.record(manager, { action, objectType: 'task', objectId: id, before: dto(before), after: dto(after) });
    await this.outbox.record(manager, {
      organizationId: this.context.organizationId,
      type: `task.${action === 'create' ? 'created' : action === 'update' ? 'updated' : 'deleted'}`,
      aggregateType: 'task',
      aggregateId: id,
      payload: (dto(after) ?? { id }) as Record<string, unknown>,
    });
  }
}

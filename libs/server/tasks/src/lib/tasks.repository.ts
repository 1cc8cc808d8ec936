import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { listPage, ReadReplicas, RequestContext, SortFields, TenantRepository, whereEquals } from '@clockwork/server-core';
import { whereCustomFields } from '@clockwork/server-custom-fields';
import type { TaskDto, TaskQueryDto } from '@clockwork/shared-dto';
import { Task } from '@clockwork/shared-entities';
import { DataSource, EntityManager, In } from 'typeorm';

/** The indexed orders a task list can take (each index leads with organization_id). */
export const TASK_SORTS: SortFields<Task> = {
  created_at: { column: 'created_at', cast: 'timestamptz', property: 'createdAt' },
  updated_at: { column: 'updated_at', cast: 'timestamptz', property: 'updatedAt' },
  due_date: { column: 'due_date', cast: 'timestamptz', property: 'dueDate', nullable: true },
};

@Injectable()
export class TasksRepository extends TenantRepository<Task> {
  constructor(@InjectDataSource() dataSource: DataSource, context: RequestContext, private readonly replicas: ReadReplicas) {
    super(dataSource, context, Task, 'Task');
  }

  /** One page of tasks matching the filters. Read on a replica when one is up to date (ReadReplicas). */
  listPage(query: TaskQueryDto, map: (t: Task) => TaskDto, customFields?: Record<string, unknown>) {
    return this.replicas.read(async (source) => {
      const qb = whereCustomFields(this.scoped('t', source.manager), 't', customFields);
      whereEquals(qb, 't', { assigned_to: query.assigned_to, status: query.status, deal_id: query.deal_id, priority: query.priority });
      return listPage(qb, 't', query, TASK_SORTS, 'created_at:desc', map);
    });
  }

  /** Locks the organization's tasks among `ids` (in id order, so concurrent bulk calls cannot deadlock). */
  lockMany(manager: EntityManager, ids: string[]): Promise<Task[]> {
    return this.scoped('t', manager).andWhere('t.id IN (:...ids)', { ids }).orderBy('t.id').setLock('pessimistic_write').getMany();
  }

  /** Sets the assignee of the given tasks (bumping their version); returns them as they are now. */
  async assignMany(manager: EntityManager, ids: string[], assignedTo: string | null): Promise<Task[]> {
    if (ids.length === 0) return [];
    await this.repository(manager).update({ organizationId: this.organizationId, id: In(ids) }, { assignedTo, version: () => 'version + 1' });
    return this.repository(manager).findBy({ organizationId: this.organizationId, id: In(ids) });
  }
}

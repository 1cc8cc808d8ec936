import { Injectable } from '@nestjs/common';
import { ListOrder, ReadReplicas, TenantRepository, timestampSorts, whereEquals } from '@clockwork/server-core';
import { whereCustomFields } from '@clockwork/server-custom-fields';
import type { TaskDto, TaskQueryDto } from '@clockwork/shared-dto';
import { Task } from '@clockwork/shared-entities';
import { EntityManager, In, SelectQueryBuilder } from 'typeorm';

/** The indexed orders a task list can take (each index leads with organization_id). */
const TASK_ORDER: ListOrder<Task> = {
  sorts: { ...timestampSorts<Task>(), due_date: { column: 'due_date', cast: 'timestamptz', property: 'dueDate', nullable: true } },
  fallback: 'created_at:desc',
};

@Injectable()
export class TasksRepository extends TenantRepository<Task> {
  constructor(private readonly replicas: ReadReplicas) {
    super(Task, 'Task');
  }

  /** One page of tasks matching the filters. Read on a replica when one is up to date (ReadReplicas). */
  listPage(query: TaskQueryDto, map: (t: Task) => TaskDto, customFields?: Record<string, unknown>) {
    const filter = (qb: SelectQueryBuilder<Task>) =>
      whereEquals(whereCustomFields(qb, 't', customFields), 't', { assigned_to: query.assigned_to, status: query.status, deal_id: query.deal_id, priority: query.priority });
    return this.replicas.read((source) => this.page('t', query, map, { manager: source.manager, filter, order: TASK_ORDER }));
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

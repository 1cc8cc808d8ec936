import { Injectable } from '@nestjs/common';
import { TasksRepository, TasksService } from '@clockwork/server-tasks';
import type { PatchTaskDto, TaskUpdatedEventDto } from '@clockwork/shared-dto';
import { EntityManager } from 'typeorm';

/**
 * The one place a task change from the productivity platform is applied to the CRM task: for
 * now the sent fields are written through the tasks service (audited, `task.updated` event).
 * The two-way sync with conflict detection on `updated_at` replaces this class.
 */
@Injectable()
export class InboundTaskSync {
  constructor(
    private readonly tasks: TasksService,
    private readonly taskRecords: TasksRepository,
  ) {}

  async apply(manager: EntityManager, data: TaskUpdatedEventDto): Promise<'updated' | 'unchanged' | 'not_found'> {
    if (!(await this.taskRecords.findById(data.id, manager))) return 'not_found';
    const patch: PatchTaskDto = {};
    if (data.status !== undefined) patch.status = data.status;
    if (data.title !== undefined) patch.title = data.title;
    if (data.due_date !== undefined) patch.due_date = data.due_date;
    if (Object.keys(patch).length === 0) return 'unchanged';
    await this.tasks.update(data.id, patch, undefined, manager);
    return 'updated';
  }
}

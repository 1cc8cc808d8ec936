import { Injectable } from '@nestjs/common';
import { AuditWriter } from '@clockwork/server-core';
import type { EmployeeUpdatedEventDto } from '@clockwork/shared-dto';
import { EntityManager } from 'typeorm';
import { EmployeeLinksRepository } from './employee-links.repository';

/**
 * `employee.updated`: the organization's user with the employee's email is linked to the
 * employee (users.linked_employee_id), so the employee's time entries are attributed to that user.
 * An employee is linked to one user at most: a link held by another user moves. Audited per user.
 */
@Injectable()
export class EmployeeLinker {
  constructor(
    private readonly users: EmployeeLinksRepository,
    private readonly audit: AuditWriter,
  ) {}

  async link(manager: EntityManager, data: EmployeeUpdatedEventDto): Promise<'linked' | 'unchanged' | 'no_user'> {
    const user = data.email ? await this.users.lockByEmail(manager, data.email) : null;
    if (!user) return 'no_user';
    if (user.linked_employee_id === data.employee_id) return 'unchanged';
    const holder = await this.users.lockByEmployee(manager, data.employee_id);
    if (holder) await this.set(manager, holder.id, data.employee_id, null);
    await this.set(manager, user.id, user.linked_employee_id, data.employee_id);
    return 'linked';
  }

  private async set(manager: EntityManager, userId: string, from: string | null, to: string | null): Promise<void> {
    await this.users.setEmployee(manager, userId, to);
    await this.audit.record(manager, { action: 'update', objectType: 'user', objectId: userId, before: { linked_employee_id: from }, after: { linked_employee_id: to } });
  }
}

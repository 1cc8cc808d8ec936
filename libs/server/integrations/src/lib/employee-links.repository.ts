import { Injectable } from '@nestjs/common';
import { RequestContext } from '@clockwork/server-core';
import { EntityManager } from 'typeorm';

export interface LinkableUser {
  id: string;
  linked_employee_id: string | null;
}

/** The users side of `employee.updated`: who has this email or this employee id, and the link itself. */
@Injectable()
export class EmployeeLinksRepository {
  constructor(private readonly context: RequestContext) {}

  async lockByEmail(manager: EntityManager, email: string): Promise<LinkableUser | null> {
    const [row] = await manager.query(`SELECT id, linked_employee_id FROM users WHERE organization_id = $1 AND lower(email) = lower($2) FOR UPDATE`, [this.context.organizationId, email]);
    return row ?? null;
  }

  async lockByEmployee(manager: EntityManager, employeeId: string): Promise<LinkableUser | null> {
    const [row] = await manager.query(`SELECT id, linked_employee_id FROM users WHERE organization_id = $1 AND linked_employee_id = $2 FOR UPDATE`, [this.context.organizationId, employeeId]);
    return row ?? null;
  }

  async setEmployee(manager: EntityManager, userId: string, employeeId: string | null): Promise<void> {
    await manager.query(`UPDATE users SET linked_employee_id = $3, version = version + 1, updated_at = now() WHERE organization_id = $1 AND id = $2`, [this.context.organizationId, userId, employeeId]);
  }
}

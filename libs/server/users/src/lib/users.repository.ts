import { Injectable } from '@nestjs/common';
import { CursorPosition, TenantRepository } from '@clockwork/server-core';
import type { Role } from '@clockwork/shared-dto';
import { User } from '@clockwork/shared-entities';
import { EntityManager } from 'typeorm';

@Injectable()
export class UsersRepository extends TenantRepository<User> {
  constructor() {
    super(User, 'User');
  }

  /** Oldest first, keyset on (created_at, id). */
  listPage(filter: { role?: Role }, limit: number, after: CursorPosition | null): Promise<User[]> {
    const q = this.scoped('u').orderBy('u.created_at', 'ASC').addOrderBy('u.id', 'ASC').limit(limit);
    if (filter.role) q.andWhere('u.role = :role', { role: filter.role });
    if (after) q.andWhere('(u.created_at, u.id) > (:value::timestamptz, :id::uuid)', { value: after.value, id: after.id });
    return q.getMany();
  }

  emailTaken(manager: EntityManager, email: string): Promise<boolean> {
    return manager.getRepository(User).createQueryBuilder('u').where('lower(u.email) = lower(:email)', { email }).getExists();
  }

  /** Whether a user of the caller's organization has this address. */
  emailInOrganization(manager: EntityManager, email: string): Promise<boolean> {
    return this.scoped('u', manager).andWhere('lower(u.email) = lower(:email)', { email }).getExists();
  }

  countActiveAdmins(manager: EntityManager): Promise<number> {
    return this.scoped('u', manager).andWhere("u.role = 'admin' AND u.is_active").getCount();
  }

  /** The user of the caller's organization linked to this productivity employee id, if any. */
  findByEmployee(manager: EntityManager, employeeId: string): Promise<User | null> {
    return this.scoped('u', manager).andWhere('u.linked_employee_id = :employeeId', { employeeId }).getOne();
  }

  /**
   * Gives the organization's time entries of this employee id that carry no user (ingested
   * before the link) to the user. Invoiced entries are left as they are (the invoice's guard
   * refuses a change of person); the rollup triggers move their time to the user. Returns the
   * number of entries changed.
   */
  async backfillEmployeeEntries(manager: EntityManager, userId: string, employeeId: string): Promise<number> {
    // An UPDATE answers [rows, affected count].
    const [, count]: [unknown[], number] = await manager.query(
      `UPDATE time_entries t SET user_id = $2, version = t.version + 1, updated_at = now()
        WHERE t.organization_id = $1 AND t.employee_id = $3 AND t.user_id IS NULL
          AND NOT EXISTS (SELECT 1 FROM invoice_line_entries c WHERE c.organization_id = t.organization_id AND c.time_entry_id = t.id)
        RETURNING t.id`,
      [this.organizationId, userId, employeeId],
    );
    return count;
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CursorPosition, RequestContext, TenantRepository } from '@clockwork/server-core';
import type { Role } from '@clockwork/shared-dto';
import { User } from '@clockwork/shared-entities';
import { DataSource, EntityManager } from 'typeorm';

@Injectable()
export class UsersRepository extends TenantRepository<User> {
  constructor(@InjectDataSource() dataSource: DataSource, context: RequestContext) {
    super(dataSource, context, User, 'User');
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
}

import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { RequestContext } from '@clockwork/server-core';
import type { Role } from '@clockwork/shared-dto';
import { Account, Contact, Deal, PARENT_COLUMN, PARENT_TYPES, ParentType, RecordChildEntity, Task, TenantBaseEntity } from '@clockwork/shared-entities';
import { DataSource, EntityManager, EntityTarget, FindOptionsWhere } from 'typeorm';

/**
 * The parent types each role may read, and so read and add notes and attachments on
 * (docs/permissions.md: support reads contacts and tasks only).
 */
export const READABLE_PARENT_TYPES: Record<Role, readonly ParentType[]> = {
  admin: PARENT_TYPES,
  manager: PARENT_TYPES,
  sales: PARENT_TYPES,
  support: ['contact', 'task'],
};

const PARENT_ENTITY: Record<ParentType, EntityTarget<TenantBaseEntity>> = { account: Account, contact: Contact, deal: Deal, task: Task };
const PARENT_LABEL: Record<ParentType, string> = { account: 'Account', contact: 'Contact', deal: 'Deal', task: 'Task' };

/** The SQL column of each parent type's foreign key on notes and attachments. */
export const PARENT_SQL_COLUMN: Record<ParentType, string> = { account: 'account_id', contact: 'contact_id', deal: 'deal_id', task: 'task_id' };

/** The four parent columns of a new child row: the one of `type` set, the others null. */
export function parentColumns(type: ParentType, id: string): Pick<RecordChildEntity, 'parentType' | 'accountId' | 'contactId' | 'dealId' | 'taskId'> {
  return { parentType: type, accountId: null, contactId: null, dealId: null, taskId: null, [PARENT_COLUMN[type]]: id };
}

/** The id of a child row's parent (works on plain objects too, unlike the entity getter). */
export function parentIdOf(row: Pick<RecordChildEntity, 'parentType' | 'accountId' | 'contactId' | 'dealId' | 'taskId'>): string {
  return row[PARENT_COLUMN[row.parentType]] as string;
}

/**
 * The records notes and attachments hang off. A parent the caller may not see — of another
 * organization, missing, or of a type its role may not read — is "not found" (404), so a
 * note or attachment never reveals a record its caller could not open.
 */
@Injectable()
export class ParentRecords {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly context: RequestContext,
  ) {}

  /** Whether the caller's role may read records of this type at all. */
  mayReadType(type: ParentType): boolean {
    const role = this.context.principal?.role;
    return role !== undefined && READABLE_PARENT_TYPES[role].includes(type);
  }

  /** 404 unless the parent exists in the caller's organization and its role may read that type. */
  async assertReadable(type: ParentType, id: string, manager?: EntityManager): Promise<void> {
    const notFound = () => new NotFoundException(`${PARENT_LABEL[type] ?? 'Record'} not found`);
    if (!PARENT_ENTITY[type] || !this.mayReadType(type)) throw notFound();
    const where = { organizationId: this.context.organizationId, id } as FindOptionsWhere<TenantBaseEntity>;
    const exists = await (manager ?? this.dataSource.manager).getRepository(PARENT_ENTITY[type]).existsBy(where);
    if (!exists) throw notFound();
  }
}

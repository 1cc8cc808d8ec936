import { Column } from 'typeorm';
import { RecordLinksEntity } from './record-links.entity';

export const PARENT_TYPES = ['account', 'contact', 'deal', 'task'] as const;
export type ParentType = (typeof PARENT_TYPES)[number];

/** The column that holds the parent's id for each parent type. */
export const PARENT_COLUMN = { account: 'accountId', contact: 'contactId', deal: 'dealId', task: 'taskId' } as const;

/**
 * Something attached to exactly one account, contact, deal or task: one foreign key per parent
 * type (the database checks exactly one is set), so tenancy is enforced by PostgreSQL.
 */
export abstract class RecordChildEntity extends RecordLinksEntity {
  @Column({ type: 'text' })
  parentType: ParentType;

  @Column({ type: 'uuid', nullable: true })
  taskId: string | null;

  @Column({ type: 'uuid', nullable: true })
  authorId: string | null;

  get parentId(): string {
    return this[PARENT_COLUMN[this.parentType]] as string;
  }
}

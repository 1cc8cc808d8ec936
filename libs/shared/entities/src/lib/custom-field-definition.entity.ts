import { Column, Entity } from 'typeorm';
import { VersionedTenantEntity } from './tenant-base.entity';

export type CustomFieldRecordType = 'account' | 'contact' | 'deal' | 'task';
export type CustomFieldType = 'text' | 'number' | 'money' | 'date' | 'single_select' | 'multi_select' | 'checkbox' | 'url' | 'user';

/**
 * One custom field of a record type: its stable `key` (the key of the values in the records'
 * `custom_fields` column; never changes), its label (renamable), type, options and whether it
 * is required. Deleting sets `deleted_at`: restorable for 30 days, then purged by housekeeping.
 */
@Entity('custom_field_definitions')
export class CustomFieldDefinition extends VersionedTenantEntity {
  @Column({ type: 'text' })
  recordType: CustomFieldRecordType;

  @Column({ type: 'text' })
  key: string;

  @Column({ type: 'text' })
  label: string;

  @Column({ type: 'text' })
  type: CustomFieldType;

  @Column({ type: 'boolean', default: false })
  required: boolean;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  options: string[];

  @Column({ type: 'integer', default: 0 })
  position: number;

  @Column({ type: 'timestamptz', nullable: true })
  deletedAt: Date | null;
}

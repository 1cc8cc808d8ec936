import { Injectable } from '@nestjs/common';
import { TenantRepository } from '@clockwork/server-core';
import { CUSTOM_FIELD_RESTORE_DAYS } from '@clockwork/shared-dto';
import { CustomFieldDefinition, type CustomFieldRecordType } from '@clockwork/shared-entities';
import { EntityManager } from 'typeorm';

/** Custom field definitions of the caller's organization. */
@Injectable()
export class CustomFieldsRepository extends TenantRepository<CustomFieldDefinition> {
  constructor() {
    super(CustomFieldDefinition, 'Custom field');
  }

  /** The live fields (of one record type when given), by record type, position and label. */
  live(recordType?: CustomFieldRecordType, manager?: EntityManager): Promise<CustomFieldDefinition[]> {
    const qb = this.scoped('f', manager).andWhere('f.deleted_at IS NULL');
    if (recordType) qb.andWhere('f.record_type = :recordType', { recordType });
    return qb.orderBy('f.record_type').addOrderBy('f.position').addOrderBy('lower(f.label)').addOrderBy('f.id').getMany();
  }

  /** The deleted fields still restorable. */
  restorable(recordType?: CustomFieldRecordType): Promise<CustomFieldDefinition[]> {
    const qb = this.scoped('f').andWhere(`f.deleted_at > now() - make_interval(days => ${CUSTOM_FIELD_RESTORE_DAYS})`);
    if (recordType) qb.andWhere('f.record_type = :recordType', { recordType });
    return qb.orderBy('f.deleted_at', 'DESC').addOrderBy('f.id').getMany();
  }

  /** How many live fields a record type has (locked per organization and type by the caller's advisory lock). */
  countLive(manager: EntityManager, recordType: CustomFieldRecordType): Promise<number> {
    return this.scoped('f', manager).andWhere('f.deleted_at IS NULL AND f.record_type = :recordType', { recordType }).getCount();
  }

  /** Serializes the creation of fields of one record type in the organization (the 50-field cap). */
  async lockRecordType(manager: EntityManager, recordType: CustomFieldRecordType): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('custom_fields:' || $1 || ':' || $2))`, [this.organizationId, recordType]);
  }

  /** Which of the ids are users of this organization. */
  async existingUsers(ids: string[], manager?: EntityManager): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows: { id: string }[] = await (manager ?? this.dataSource.manager).query('SELECT id FROM users WHERE organization_id = $1 AND id = ANY($2::uuid[])', [this.organizationId, ids]);
    return new Set(rows.map((r) => r.id));
  }
}

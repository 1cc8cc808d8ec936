import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { assertVersion, AuditWriter, RequestContext } from '@clockwork/server-core';
import {
  CUSTOM_FIELD_RESTORE_DAYS,
  MAX_CUSTOM_FIELDS_PER_TYPE,
  type CreateCustomFieldDto,
  type CustomFieldDto,
  type CustomFieldListDto,
  type CustomFieldQueryDto,
  type PatchCustomFieldDto,
} from '@clockwork/shared-dto';
import type { CustomFieldDefinition, CustomFieldType } from '@clockwork/shared-entities';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { CustomFieldDefinitionsCache } from './custom-field-definitions.store';
import { toCustomFieldAudit, toCustomFieldDto } from './custom-field.mapper';
import { CustomFieldsRepository } from './custom-fields.repository';

const SELECTS: CustomFieldType[] = ['single_select', 'multi_select'];
const fieldError = (field: string, message: string) => new BadRequestException({ message: `Validation failed: ${message}`, details: [{ field, errors: [message] }] });

/** Options belong to select fields only, which need at least one. */
function assertOptions(type: CustomFieldType, options: string[] | undefined): void {
  const isSelect = SELECTS.includes(type);
  if (isSelect && (!options || options.length === 0)) throw fieldError('options', `options must list at least one choice for a ${type} field`);
  if (!isSelect && options && options.length > 0) throw fieldError('options', `options are only for single_select and multi_select fields, not ${type}`);
}

const isUniqueViolation = (e: unknown) => e instanceof QueryFailedError && (e.driverError as { code?: string })?.code === '23505';

/**
 * Custom field definitions (docs/custom-fields.md): admins define, rename, reorder, delete and
 * restore them; everyone reads them. The key and type never change (the values are keyed by the
 * key); deleting keeps the values and the key for 30 days, when a restore brings them back,
 * after which housekeeping purges both. Each write is one transaction with its audit row; once
 * it has ended, this process's cached definitions of the organization are dropped (the other
 * processes hear of it from PostgreSQL).
 */
@Injectable()
export class CustomFieldsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly fields: CustomFieldsRepository,
    private readonly audit: AuditWriter,
    private readonly cache: CustomFieldDefinitionsCache,
    private readonly context: RequestContext,
  ) {}

  /** A write of the definitions: one transaction, then this process forgets what it cached of them. */
  private change<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const organizationId = this.context.organizationId;
    return this.dataSource.transaction(work).finally(() => this.cache.forget(organizationId));
  }

  async list(query: CustomFieldQueryDto): Promise<CustomFieldListDto> {
    const rows = query.deleted === 'true' ? await this.fields.restorable(query.record_type) : await this.fields.live(query.record_type);
    return { data: rows.map(toCustomFieldDto) };
  }

  create(dto: CreateCustomFieldDto): Promise<CustomFieldDto> {
    assertOptions(dto.type, dto.options);
    return this
      .change(async (manager) => {
        await this.fields.lockRecordType(manager, dto.record_type);
        if ((await this.fields.countLive(manager, dto.record_type)) >= MAX_CUSTOM_FIELDS_PER_TYPE) {
          throw new ConflictException(`A ${dto.record_type} has at most ${MAX_CUSTOM_FIELDS_PER_TYPE} custom fields; delete one first`);
        }
        const field = await this.fields.insert(manager, {
          recordType: dto.record_type,
          key: dto.key,
          label: dto.label,
          type: dto.type,
          required: dto.required ?? false,
          options: dto.options ?? [],
          position: dto.position ?? 0,
        });
        await this.written(manager, 'create', null, field);
        return toCustomFieldDto(field);
      })
      .catch((e: unknown) => {
        if (isUniqueViolation(e)) throw new ConflictException({ message: `key ${dto.key} is already a custom field of ${dto.record_type}s (or a deleted one not yet purged)`, details: [{ field: 'key', errors: ['key is taken'] }] });
        throw e;
      });
  }

  update(id: string, dto: PatchCustomFieldDto, expectedVersion?: number): Promise<CustomFieldDto> {
    return this.change(async (manager) => {
      const before = await this.liveLocked(manager, id);
      assertVersion(before.version, expectedVersion, 'custom field');
      if (dto.options !== undefined) assertOptions(before.type, dto.options);
      const values: QueryDeepPartialEntity<CustomFieldDefinition> = {};
      if (dto.label !== undefined) values.label = dto.label;
      if (dto.required !== undefined) values.required = dto.required;
      if (dto.options !== undefined) values.options = dto.options;
      if (dto.position !== undefined) values.position = dto.position;
      if (Object.keys(values).length === 0) return toCustomFieldDto(before);
      const after = await this.fields.updateById(manager, id, { ...values, version: () => 'version + 1' });
      await this.written(manager, 'update', before, after);
      return toCustomFieldDto(after);
    });
  }

  /** Deletes a field: hidden from forms and refused on writes, values kept; restorable for 30 days. */
  remove(id: string): Promise<void> {
    return this.change(async (manager) => {
      const before = await this.liveLocked(manager, id);
      const after = await this.fields.updateById(manager, id, { deletedAt: () => 'now()', version: () => 'version + 1' });
      await this.written(manager, 'delete', before, after);
    });
  }

  /** Brings a deleted field back with its values (404 once purged or after 30 days). */
  restore(id: string): Promise<CustomFieldDto> {
    return this.change(async (manager) => {
      const before = await this.fields.lockById(manager, id);
      const cutoff = Date.now() - CUSTOM_FIELD_RESTORE_DAYS * 86_400_000;
      if (!before.deletedAt || before.deletedAt.getTime() < cutoff) throw new NotFoundException('No deleted custom field to restore (it is live, or was deleted more than 30 days ago)');
      await this.fields.lockRecordType(manager, before.recordType);
      if ((await this.fields.countLive(manager, before.recordType)) >= MAX_CUSTOM_FIELDS_PER_TYPE) {
        throw new ConflictException(`A ${before.recordType} has at most ${MAX_CUSTOM_FIELDS_PER_TYPE} custom fields; delete one first`);
      }
      const after = await this.fields.updateById(manager, id, { deletedAt: null, version: () => 'version + 1' });
      await this.written(manager, 'restore', before, after);
      return toCustomFieldDto(after);
    });
  }

  private async liveLocked(manager: EntityManager, id: string): Promise<CustomFieldDefinition> {
    const field = await this.fields.lockById(manager, id);
    if (field.deletedAt) throw new NotFoundException('Custom field not found (it is deleted; restore it first)');
    return field;
  }

  private async written(manager: EntityManager, action: 'create' | 'update' | 'delete' | 'restore', before: CustomFieldDefinition | null, after: CustomFieldDefinition | null): Promise<void> {
    await this.audit.record(manager, {
      action,
      objectType: 'custom_field',
      objectId: (after ?? before)?.id as string,
      before: before ? toCustomFieldAudit(before) : null,
      after: after ? toCustomFieldAudit(after) : null,
    });
  }
}

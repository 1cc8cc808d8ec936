import type { CustomFieldDto, CustomFieldRecordTypeValue, CustomFieldTypeValue } from '@clockwork/shared-dto';
import type { CustomFieldDefinition } from '@clockwork/shared-entities';

/** The wire shape of a custom field definition. */
export function toCustomFieldDto(f: CustomFieldDefinition): CustomFieldDto {
  return {
    id: f.id,
    record_type: f.recordType as CustomFieldRecordTypeValue,
    key: f.key,
    label: f.label,
    type: f.type as CustomFieldTypeValue,
    required: f.required,
    options: f.options,
    position: f.position,
    deleted_at: f.deletedAt ? f.deletedAt.toISOString() : null,
    version: f.version,
    created_at: f.createdAt.toISOString(),
    updated_at: f.updatedAt.toISOString(),
  };
}

/** What the audit log keeps of a definition. */
export const toCustomFieldAudit = (f: CustomFieldDefinition) => ({
  record_type: f.recordType,
  key: f.key,
  label: f.label,
  type: f.type,
  required: f.required,
  options: f.options,
  position: f.position,
  deleted_at: f.deletedAt ? f.deletedAt.toISOString() : null,
});

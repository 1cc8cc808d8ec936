import type { ContactDto, CustomFieldDto } from '@clockwork/api-client';

/** A contact as the api answers it: every field empty but the first name, then `over`. */
export function makeContact(id: string, first_name: string, over: Partial<ContactDto> = {}): ContactDto {
  return {
    id,
    first_name,
    last_name: null,
    email: null,
    phone: null,
    job_title: null,
    account_id: null,
    owner_id: null,
    tags: [],
    metadata: {},
    custom_fields: {},
    version: 1,
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    ...over,
  };
}

/** An optional custom field of deals with no options, then `over` (its key, label and type at least). */
export function makeCustomField(over: Partial<CustomFieldDto> & Pick<CustomFieldDto, 'key' | 'label' | 'type'>): CustomFieldDto {
  return {
    id: `f-${over.key}`,
    record_type: 'deal',
    required: false,
    options: [],
    position: 0,
    deleted_at: null,
    version: 1,
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    ...over,
  };
}

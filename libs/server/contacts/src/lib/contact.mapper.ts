import { versionAndTimestamps } from '@clockwork/server-core';
import type { ContactDto, CustomFieldValues } from '@clockwork/shared-dto';
import type { Contact } from '@clockwork/shared-entities';

/** The wire shape of a contact (snake_case, ISO timestamps). */
export function toContactDto(c: Contact): ContactDto {
  return {
    id: c.id,
    account_id: c.accountId,
    first_name: c.firstName,
    last_name: c.lastName,
    email: c.email,
    phone: c.phone,
    job_title: c.jobTitle,
    owner_id: c.ownerId,
    tags: c.tags,
    metadata: c.metadata,
    custom_fields: c.customFields as CustomFieldValues,
    ...versionAndTimestamps(c),
  };
}

/** The CSV columns of a contact export, in order (tags joined with `;`, metadata as JSON). */
export const CONTACT_CSV_COLUMNS: (keyof ContactDto)[] = ['id', 'account_id', 'first_name', 'last_name', 'email', 'phone', 'job_title', 'owner_id', 'tags', 'metadata', 'custom_fields', 'created_at', 'updated_at'];

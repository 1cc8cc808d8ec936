import { versionAndTimestamps } from '@clockwork/server-core';
import type { AccountDto, CustomFieldValues } from '@clockwork/shared-dto';
import type { Account } from '@clockwork/shared-entities';

/** The wire shape of an account (snake_case, ISO timestamps). */
export function toAccountDto(a: Account): AccountDto {
  return {
    id: a.id,
    name: a.name,
    industry: a.industry,
    address: a.address,
    phone: a.phone,
    website: a.website,
    domain: a.domain,
    primary_contact_id: a.primaryContactId,
    owner_id: a.ownerId,
    metadata: a.metadata,
    custom_fields: a.customFields as CustomFieldValues,
    ...versionAndTimestamps(a),
  };
}

/** The CSV columns of an account export, in order. */
export const ACCOUNT_CSV_COLUMNS: (keyof AccountDto)[] = ['id', 'name', 'industry', 'address', 'phone', 'website', 'domain', 'primary_contact_id', 'owner_id', 'metadata', 'custom_fields', 'created_at', 'updated_at'];

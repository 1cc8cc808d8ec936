import { contactsCreate, contactsGet, contactsList, contactsPatch, type ContactDto, type CreateContactDto } from '@clockwork/api-client';
import { useQuery } from '@tanstack/react-query';
import { unwrap } from '../../api/errors';
import { queryKeys } from '../../api/query-keys';
import { useSaveRecord } from '../../api/save-record';
import { contactName } from '../../lib/format';
import { usePagedQuery } from '../../lib/paged-query';
import { definedOnly } from '../../lib/url-filters';

/** The contacts section's reads and writes; keys from `queryKeys.contacts`. */

export const useContacts = (filters: Record<string, string>) =>
  usePagedQuery(queryKeys.contacts.list(filters), (cursor, signal) => unwrap(contactsList({ query: { ...definedOnly(filters), cursor, limit: 50 }, signal })));

export const useContact = (id: string) => useQuery({ queryKey: queryKeys.contacts.detail(id), queryFn: ({ signal }) => unwrap(contactsGet({ path: { id }, signal })) });

export const useContactsOfAccount = (accountId: string) =>
  useQuery({ queryKey: queryKeys.contacts.byAccount(accountId), queryFn: ({ signal }) => unwrap(contactsList({ query: { account_id: accountId, limit: 100 }, signal })) });

/** Creates a contact, or saves `contact` when given. */
export const useSaveContact = (contact: ContactDto | undefined, onDone: (contact: ContactDto) => void) =>
  useSaveRecord({
    record: contact,
    create: (body: CreateContactDto) => unwrap(contactsCreate({ body })),
    update: (id, body, ifMatch) => unwrap(contactsPatch({ path: { id }, body, headers: { 'If-Match': ifMatch } })),
    sectionKey: queryKeys.contacts.all,
    savedText: (saved, created) => (created ? `${contactName(saved)} added` : 'Contact saved'),
    onDone,
  });

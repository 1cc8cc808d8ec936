import { accountsPatch, contactsPatch, dealsPatch, customFieldsCreate, customFieldsList, customFieldsPatch, customFieldsRemove, customFieldsRestore, type CreateCustomFieldDto, type CustomFieldDto, type PatchCustomFieldDto } from '@clockwork/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { unwrap } from '../../api/errors';
import { queryKeys } from '../../api/query-keys';
import { useToast } from '../Toast';

export type CustomFieldRecordType = CustomFieldDto['record_type'];

/** The custom fields of a record type (live ones; `deleted`: the restorable deleted ones), in form order. */
export const useCustomFields = (recordType: CustomFieldRecordType, deleted = false) =>
  useQuery({
    queryKey: queryKeys.customFields.of(recordType, deleted),
    queryFn: ({ signal }) => unwrap(customFieldsList({ query: { record_type: recordType, ...(deleted ? { deleted: 'true' as const } : {}) }, signal })),
    staleTime: 60_000,
  });

/** Defines, renames, deletes and restores custom fields (admins); every change refreshes every list of fields. */
export function useCustomFieldMutations() {
  const queryClient = useQueryClient();
  const toast = useToast();
  const done = () => queryClient.invalidateQueries({ queryKey: queryKeys.customFields.all });
  const create = useMutation({
    mutationFn: (body: CreateCustomFieldDto) => unwrap(customFieldsCreate({ body })),
    onSuccess: (f) => toast.success(`${f.label} added`),
    onSettled: done,
  });
  const patch = useMutation({
    mutationFn: ({ field, body }: { field: CustomFieldDto; body: PatchCustomFieldDto }) => unwrap(customFieldsPatch({ path: { id: field.id }, body, headers: { 'If-Match': String(field.version) } })),
    onSuccess: (f) => toast.success(`${f.label} saved`),
    onSettled: done,
  });
  const remove = useMutation({
    mutationFn: (field: CustomFieldDto) => unwrap(customFieldsRemove({ path: { id: field.id } })),
    onSuccess: (_, f) => toast.success(`${f.label} deleted: restorable for 30 days`),
    onSettled: done,
  });
  const restore = useMutation({
    mutationFn: (field: CustomFieldDto) => unwrap(customFieldsRestore({ path: { id: field.id } })),
    onSuccess: (f) => toast.success(`${f.label} restored`),
    onSettled: done,
  });
  return { create, patch, remove, restore };
}

type CustomFieldValues = Record<string, string | number | boolean | string[] | null>;

/** A record whose custom fields the card edits: its type, id, version (If-Match) and values. */
export interface CustomFieldsRecord {
  type: 'account' | 'contact' | 'deal';
  id: string;
  version: number;
}

/**
 * Saves the custom fields of one account, contact or deal (a PATCH of `custom_fields` only, with
 * the version shown); refreshes that record's section.
 */
export function useSaveCustomFieldValues(record: CustomFieldsRecord, onDone: () => void) {
  const queryClient = useQueryClient();
  const toast = useToast();
  return useMutation({
    mutationFn: (custom_fields: CustomFieldValues): Promise<unknown> => {
      const call = { path: { id: record.id }, body: { custom_fields }, headers: { 'If-Match': `"${record.version}"` } };
      if (record.type === 'account') return unwrap(accountsPatch(call));
      if (record.type === 'contact') return unwrap(contactsPatch(call));
      return unwrap(dealsPatch(call));
    },
    onSuccess: () => {
      toast.success('Custom fields saved');
      void queryClient.invalidateQueries({ queryKey: sectionKeys[record.type] });
      onDone();
    },
  });
}

const sectionKeys = { account: queryKeys.accounts.all, contact: queryKeys.contacts.all, deal: queryKeys.deals.all };

import { accountsCreate, accountsGet, accountsList, accountsPatch, type AccountDto, type CreateAccountDto } from '@clockwork/api-client';
import { useQuery } from '@tanstack/react-query';
import { unwrap } from '../../api/errors';
import { queryKeys } from '../../api/query-keys';
import { useSaveRecord } from '../../api/save-record';
import { usePagedQuery } from '../../lib/paged-query';
import { definedOnly } from '../../lib/url-filters';

/** The accounts section's reads and writes; keys from `queryKeys.accounts`. */

export const useAccounts = (filters: Record<string, string>) =>
  usePagedQuery(queryKeys.accounts.list(filters), (cursor, signal) => unwrap(accountsList({ query: { ...definedOnly(filters), cursor, limit: 50 }, signal })));

export const useAccount = (id: string) => useQuery({ queryKey: queryKeys.accounts.detail(id), queryFn: ({ signal }) => unwrap(accountsGet({ path: { id }, signal })) });

/** Creates an account, or saves `account` when given. */
export const useSaveAccount = (account: AccountDto | undefined, onDone: (account: AccountDto) => void) =>
  useSaveRecord({
    record: account,
    create: (body: CreateAccountDto) => unwrap(accountsCreate({ body })),
    update: (id, body, ifMatch) => unwrap(accountsPatch({ path: { id }, body, headers: { 'If-Match': ifMatch } })),
    sectionKey: queryKeys.accounts.all,
    savedText: (saved, created) => (created ? `${saved.name} created` : 'Account saved'),
    onDone,
  });

import { accountsList, dealsList, usersList, type AccountDto, type DealDto, type UserDto } from '@clockwork/api-client';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useAuth } from '../auth/AuthProvider';
import { can, canSee } from '../auth/permissions';
import { fetchAllPages } from '../lib/all-pages';
import { contactName } from '../lib/format';
import { unwrap } from './errors';
import { queryKeys } from './query-keys';

/** The largest page the api serves; a lookup reads page after page until the last (no cap). */
const PAGE = 200;

function byId<T extends { id: string }>(rows: T[], name: (row: T) => string) {
  const names = new Map(rows.map((r) => [r.id, name(r)]));
  return (id: string | null | undefined) => (id ? (names.get(id) ?? null) : null);
}

/** People of the organization (roles that may list them), else just the signed-in user. */
export function useUsers(): { users: UserDto[]; nameOf: (id: string | null | undefined) => string | null } {
  const { user } = useAuth();
  const allowed = can(user?.role, 'list-users');
  const query = useQuery({
    queryKey: queryKeys.users.lookup,
    queryFn: ({ signal }) => fetchAllPages((cursor) => unwrap(usersList({ query: { limit: PAGE, cursor }, signal }))),
    enabled: allowed,
    staleTime: 60_000,
  });
  return useMemo(() => {
    const users = allowed ? (query.data?.data ?? []) : user ? [user] : [];
    return { users, nameOf: byId(users, (u) => u.name) };
  }, [allowed, query.data, user]);
}

/** Every account of the organization by name, for pickers and for naming an `account_id`. */
export function useAccountOptions(): { accounts: AccountDto[]; nameOf: (id: string | null | undefined) => string | null } {
  const { user } = useAuth();
  const query = useQuery({
    queryKey: queryKeys.accounts.lookup,
    queryFn: ({ signal }) => fetchAllPages((cursor) => unwrap(accountsList({ query: { limit: PAGE, sort: 'name:asc', cursor }, signal }))),
    enabled: canSee(user?.role, 'accounts'),
    staleTime: 30_000,
  });
  return useMemo(() => {
    const accounts = query.data?.data ?? [];
    return { accounts, nameOf: byId(accounts, (a) => a.name) };
  }, [query.data]);
}

/** Every deal of the organization, for pickers and for naming a `deal_id`. */
export function useDealOptions(): { deals: DealDto[]; nameOf: (id: string | null | undefined) => string | null } {
  const { user } = useAuth();
  const query = useQuery({
    queryKey: queryKeys.deals.lookup,
    queryFn: ({ signal }) => fetchAllPages((cursor) => unwrap(dealsList({ query: { limit: PAGE, cursor }, signal }))),
    enabled: canSee(user?.role, 'deals'),
    staleTime: 30_000,
  });
  return useMemo(() => {
    const deals = query.data?.data ?? [];
    return { deals, nameOf: byId(deals, (d) => d.name) };
  }, [query.data]);
}

/** Accounts whose name or domain matches `q` (the api's search), first 20 by name, for a picker. */
export const searchAccounts = async (q: string, signal: AbortSignal) =>
  (await unwrap(accountsList({ query: { q: q || undefined, limit: 20, sort: 'name:asc' }, signal }))).data.map((a) => ({ id: a.id, label: a.name }));

/** Deals whose name matches `q` (the api's search), first 20, for a picker. */
export const searchDeals = async (q: string, signal: AbortSignal) =>
  (await unwrap(dealsList({ query: { q: q || undefined, limit: 20 }, signal }))).data.map((d) => ({ id: d.id, label: d.name }));

export { contactName };

import { accountsList, dealsList, usersList, type AccountDto, type DealDto, type UserDto } from '@clockwork/api-client';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useAuth } from '../auth/AuthProvider';
import { can, canSee } from '../auth/permissions';
import { contactName } from '../lib/format';
import { unwrap } from './errors';

/** People of the organization (roles that may list them), else just the signed-in user. */
export function useUsers(): { users: UserDto[]; nameOf: (id: string | null | undefined) => string | null } {
  const { user } = useAuth();
  const allowed = can(user?.role, 'list-users');
  const query = useQuery({
    queryKey: ['users', 'all'],
    queryFn: ({ signal }) => unwrap(usersList({ query: { limit: 200 }, signal })),
    enabled: allowed,
    staleTime: 60_000,
  });
  return useMemo(() => {
    const users = allowed ? (query.data?.data ?? []) : user ? [user] : [];
    const names = new Map(users.map((u) => [u.id, u.name]));
    return { users, nameOf: (id) => (id ? (names.get(id) ?? null) : null) };
  }, [allowed, query.data, user]);
}

export function useAccountOptions(): { accounts: AccountDto[]; nameOf: (id: string | null | undefined) => string | null } {
  const { user } = useAuth();
  const query = useQuery({
    queryKey: ['accounts', 'options'],
    queryFn: ({ signal }) => unwrap(accountsList({ query: { limit: 200, sort: 'name:asc' }, signal })),
    enabled: canSee(user?.role, 'accounts'),
    staleTime: 30_000,
  });
  return useMemo(() => {
    const accounts = query.data?.data ?? [];
    const names = new Map(accounts.map((a) => [a.id, a.name]));
    return { accounts, nameOf: (id) => (id ? (names.get(id) ?? null) : null) };
  }, [query.data]);
}

export function useDealOptions(): { deals: DealDto[]; nameOf: (id: string | null | undefined) => string | null } {
  const { user } = useAuth();
  const query = useQuery({
    queryKey: ['deals', 'options'],
    queryFn: ({ signal }) => unwrap(dealsList({ query: { limit: 200 }, signal })),
    enabled: canSee(user?.role, 'deals'),
    staleTime: 30_000,
  });
  return useMemo(() => {
    const deals = query.data?.data ?? [];
    const names = new Map(deals.map((d) => [d.id, d.name]));
    return { deals, nameOf: (id) => (id ? (names.get(id) ?? null) : null) };
  }, [query.data]);
}

export { contactName };

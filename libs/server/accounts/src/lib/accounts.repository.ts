import { Injectable } from '@nestjs/common';
import { ListOrder, ReadReplicas, TenantRepository, timestampSorts, whereEquals, whereNameMatches } from '@clockwork/server-core';
import { whereCustomFields } from '@clockwork/server-custom-fields';
import type { AccountDto, AccountQueryDto } from '@clockwork/shared-dto';
import { Account } from '@clockwork/shared-entities';
import { SelectQueryBuilder } from 'typeorm';

/** The indexed orders an account list can take (each index leads with organization_id). */
const ACCOUNT_ORDER: ListOrder<Account> = {
  sorts: { ...timestampSorts<Account>(), name: { column: 'name', cast: 'text', property: 'name' } },
  fallback: 'created_at:desc',
};

@Injectable()
export class AccountsRepository extends TenantRepository<Account> {
  constructor(private readonly replicas: ReadReplicas) {
    super(Account, 'Account');
  }

  /** One page of accounts matching the filters; `q` matches names by trigram similarity. Read on a replica when one is up to date (ReadReplicas). */
  listPage(query: AccountQueryDto, map: (a: Account) => AccountDto, customFields?: Record<string, unknown>) {
    const filter = (qb: SelectQueryBuilder<Account>) => whereNameMatches(whereEquals(whereCustomFields(qb, 'a', customFields), 'a', { owner_id: query.owner_id, industry: query.industry }), 'a', query.q);
    return this.replicas.read((source) => this.page('a', query, map, { manager: source.manager, filter, order: ACCOUNT_ORDER }));
  }
}


import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { escapeLike, listPage, RequestContext, SortFields, TenantRepository, whereEquals } from '@clockwork/server-core';
import type { AccountDto, AccountQueryDto } from '@clockwork/shared-dto';
import { Account } from '@clockwork/shared-entities';
import { DataSource } from 'typeorm';

/** The indexed orders an account list can take (each index leads with organization_id). */
export const ACCOUNT_SORTS: SortFields<Account> = {
  created_at: { column: 'created_at', cast: 'timestamptz', property: 'createdAt' },
  updated_at: { column: 'updated_at', cast: 'timestamptz', property: 'updatedAt' },
  name: { column: 'name', cast: 'text', property: 'name' },
};

@Injectable()
export class AccountsRepository extends TenantRepository<Account> {
  constructor(@InjectDataSource() dataSource: DataSource, context: RequestContext) {
    super(dataSource, context, Account, 'Account');
  }

  /** One page of accounts matching the filters; `q` matches names by trigram similarity. */
  listPage(query: AccountQueryDto, map: (a: Account) => AccountDto) {
    const qb = this.scoped('a');
    whereEquals(qb, 'a', { owner_id: query.owner_id, industry: query.industry });
    if (query.q) qb.andWhere('(a.name ILIKE :like OR a.name % :q)', { like: `%${escapeLike(query.q)}%`, q: query.q });
    return listPage(qb, 'a', query, ACCOUNT_SORTS, 'created_at:desc', map);
  }
}


import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { escapeLike, listPage, ReadReplicas, RequestContext, SortFields, TenantRepository, whereEquals } from '@clockwork/server-core';
import { whereCustomFields } from '@clockwork/server-custom-fields';
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
  constructor(@InjectDataSource() dataSource: DataSource, context: RequestContext, private readonly replicas: ReadReplicas) {
    super(dataSource, context, Account, 'Account');
  }

  /** One page of accounts matching the filters; `q` matches names by trigram similarity. Read on a replica when one is up to date (ReadReplicas). */
  listPage(query: AccountQueryDto, map: (a: Account) => AccountDto, customFields?: Record<string, unknown>) {
    return this.replicas.read(async (source) => {
      const qb = whereCustomFields(this.scoped('a', source.manager), 'a', customFields);
      whereEquals(qb, 'a', { owner_id: query.owner_id, industry: query.industry });
      if (query.q) qb.andWhere('(a.name ILIKE :like OR a.name % :q)', { like: `%${escapeLike(query.q)}%`, q: query.q });
      return listPage(qb, 'a', query, ACCOUNT_SORTS, 'created_at:desc', map);
    });
  }
}


import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { assertMayModify } from '@clockwork/server-auth';
import { CustomFieldsValidator } from '@clockwork/server-custom-fields';
import { assertVersion, AuditWriter, OutboxWriter, RequestContext, type CsvExtraColumns } from '@clockwork/server-core';
import type { AccountDto, AccountPageDto, AccountQueryDto, CreateAccountDto, PatchAccountDto } from '@clockwork/shared-dto';
import type { Account } from '@clockwork/shared-entities';
import { DataSource, EntityManager } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { toAccountDto } from './account.mapper';
import { AccountsRepository } from './accounts.repository';

/** DTO fields -> entity columns; `replace` (PUT) sets every field, `patch` only those sent. */
function columns(dto: PatchAccountDto, replace: boolean): QueryDeepPartialEntity<Account> {
  const pick = <T>(value: T | undefined, fallback: T | null) => (value !== undefined ? value : replace ? fallback : undefined);
  const values: QueryDeepPartialEntity<Account> = {
    name: dto.name,
    industry: pick(dto.industry, null),
    address: pick(dto.address, null),
    phone: pick(dto.phone, null),
    website: pick(dto.website, null),
    domain: pick(dto.domain, null),
    primaryContactId: pick(dto.primary_contact_id, null),
    ownerId: pick(dto.owner_id, null),
    metadata: pick(dto.metadata, {}) as QueryDeepPartialEntity<Record<string, unknown>>,
  };
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
}

/**
 * Accounts: every write is one transaction with its audit row and its outbox event
 * (`account.created|updated|deleted`). Sales may change only accounts they own.
 */
@Injectable()
export class AccountsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly accounts: AccountsRepository,
    private readonly audit: AuditWriter,
    private readonly outbox: OutboxWriter,
    private readonly context: RequestContext,
    private readonly customFields: CustomFieldsValidator,
  ) {}

  /** The `cf.<key>` columns its CSV export adds (one per live custom field of accounts). */
  customFieldCsvColumns(): Promise<CsvExtraColumns<AccountDto>> {
    return this.customFields.csvColumns('account');
  }

  async list(query: AccountQueryDto): Promise<AccountPageDto> {
    return this.accounts.listPage(query, toAccountDto, await this.customFields.filterFor('account', query.cf));
  }

  async get(id: string): Promise<AccountDto> {
    return toAccountDto(await this.accounts.getById(id));
  }

  create(dto: CreateAccountDto): Promise<AccountDto> {
    return this.dataSource.transaction(async (manager) => {
      const principal = this.context.principal;
      const defaultOwner = principal?.kind === 'user' ? principal.id : null;
      const customFields = await this.customFields.valuesToStore(manager, 'account', dto.custom_fields, 'create');
      const account = await this.accounts.insert(manager, { ...columns(dto, true), customFields, ownerId: dto.owner_id !== undefined ? dto.owner_id : defaultOwner });
      await this.written(manager, 'create', null, account);
      return toAccountDto(account);
    });
  }

  /** `outer`: the caller's transaction (a bulk edit's batch), else a new one. */
  update(id: string, dto: PatchAccountDto, replace: boolean, expectedVersion?: number, outer?: EntityManager): Promise<AccountDto> {
    const inTransaction = (work: (m: EntityManager) => Promise<AccountDto>) => (outer ? work(outer) : this.dataSource.transaction(work));
    return inTransaction(async (manager) => {
      const before = await this.accounts.lockById(manager, id);
      assertMayModify(this.context.principal, [before.ownerId], 'accounts');
      assertVersion(before.version, expectedVersion, 'account');
      const customFields = await this.customFields.valuesToStore(manager, 'account', dto.custom_fields, replace ? 'replace' : 'patch', before.customFields);
      const after = await this.accounts.updateById(manager, id, { ...columns(dto, replace), ...(customFields && { customFields }), version: () => 'version + 1' });
      await this.written(manager, 'update', before, after);
      return toAccountDto(after);
    });
  }

  remove(id: string): Promise<void> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.accounts.lockById(manager, id);
      assertMayModify(this.context.principal, [before.ownerId], 'accounts');
      await this.accounts.deleteById(manager, id);
      await this.written(manager, 'delete', before, null);
    });
  }

  private async written(manager: EntityManager, action: 'create' | 'update' | 'delete', before: Account | null, after: Account | null): Promise<void> {
    const dto = (a: Account | null) => (a ? toAccountDto(a) : null);
    const id = (after ?? before)?.id as string;
    await this.audit.record(manager, { action, objectType: 'account', objectId: id, before: dto(before), after: dto(after) });
    await this.outbox.record(manager, {
      organizationId: this.context.organizationId,
      type: `account.${action === 'create' ? 'created' : action === 'update' ? 'updated' : 'deleted'}`,
      aggregateType: 'account',
      aggregateId: id,
      payload: (dto(after) ?? { id }) as Record<string, unknown>,
    });
  }
}

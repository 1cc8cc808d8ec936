import { Injectable } from '@nestjs/common';
import { assertMayModify } from '@clockwork/server-auth';
import { CustomFieldRecordReads, CustomFieldsValidator } from '@clockwork/server-custom-fields';
import { CrudRecord, RecordWriter } from '@clockwork/server-core';
import type { AccountDto, AccountQueryDto, CreateAccountDto, PatchAccountDto } from '@clockwork/shared-dto';
import type { Account } from '@clockwork/shared-entities';
import { EntityManager } from 'typeorm';
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

const ACCOUNT: CrudRecord<Account> = { objectType: 'account', aggregateType: 'account', view: toAccountDto };

/**
 * Accounts: every write is one transaction with its audit row and its outbox event
 * (`account.created|updated|deleted`). Sales may change only accounts they own.
 */
@Injectable()
export class AccountsService extends CustomFieldRecordReads<Account, AccountQueryDto, AccountDto> {
  constructor(
    private readonly records: RecordWriter,
    private readonly accounts: AccountsRepository,
    customFields: CustomFieldsValidator,
  ) {
    super(accounts, toAccountDto, customFields, 'account');
  }

  create(dto: CreateAccountDto): Promise<AccountDto> {
    return this.records.transaction(async (manager) => {
      const customFields = await this.customFields.valuesToStore(manager, 'account', dto.custom_fields, 'create');
      const account = await this.accounts.insert(manager, { ...columns(dto, true), customFields, ownerId: dto.owner_id !== undefined ? dto.owner_id : this.records.userId });
      await this.records.changed(manager, ACCOUNT, 'create', null, account);
      return toAccountDto(account);
    });
  }

  /** `outer`: the caller's transaction (a bulk edit's batch), else a new one. */
  update(id: string, dto: PatchAccountDto, replace: boolean, expectedVersion?: number, outer?: EntityManager): Promise<AccountDto> {
    const inTransaction = (work: (m: EntityManager) => Promise<AccountDto>) => (outer ? work(outer) : this.records.transaction(work));
    return inTransaction(async (manager) => {
      const { before, after } = await this.records.updateVersioned(manager, this.accounts, id, expectedVersion, 'account', async (stored) => {
        const customFields = await this.customFields.valuesToStore(manager, 'account', dto.custom_fields, replace ? 'replace' : 'patch', stored.customFields);
        return { ...columns(dto, replace), ...(customFields && { customFields }) };
      }, this.mayModify);
      await this.records.changed(manager, ACCOUNT, 'update', before, after);
      return toAccountDto(after);
    });
  }

  remove(id: string): Promise<void> {
    return this.records.transaction(async (manager) => {
      const before = await this.records.deleteLocked(manager, this.accounts, id, this.mayModify);
      await this.records.changed(manager, ACCOUNT, 'delete', before, null);
    });
  }

  /** Sales may change only the accounts they own (403). */
  private readonly mayModify = (stored: Account) => assertMayModify(this.records.principal, [stored.ownerId], 'accounts');
}

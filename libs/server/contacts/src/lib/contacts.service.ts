import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { assertMayModify } from '@clockwork/server-auth';
import { CustomFieldsValidator } from '@clockwork/server-custom-fields';
import { assertVersion, AuditWriter, OutboxWriter, RequestContext, type CsvExtraColumns } from '@clockwork/server-core';
import type { ContactDto, ContactPageDto, ContactQueryDto, CreateContactDto, PatchContactDto } from '@clockwork/shared-dto';
import type { Contact } from '@clockwork/shared-entities';
import { DataSource, EntityManager } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { toContactDto } from './contact.mapper';
import { ContactsRepository } from './contacts.repository';

/** DTO fields -> entity columns; `replace` (PUT) sets every field, `patch` only those sent. */
export function contactColumns(dto: PatchContactDto, replace: boolean): QueryDeepPartialEntity<Contact> {
  const pick = <T>(value: T | undefined, fallback: T | null) => (value !== undefined ? value : replace ? fallback : undefined);
  const values: QueryDeepPartialEntity<Contact> = {
    firstName: dto.first_name,
    lastName: pick(dto.last_name, null),
    email: pick(dto.email, null),
    phone: pick(dto.phone, null),
    jobTitle: pick(dto.job_title, null),
    accountId: pick(dto.account_id, null),
    ownerId: pick(dto.owner_id, null),
    // `tags: null` clears them like an omitted field in a PUT.
    tags: dto.tags ?? (replace || dto.tags === null ? [] : undefined),
    metadata: pick(dto.metadata, {}) as QueryDeepPartialEntity<Record<string, unknown>>,
  };
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
}

/**
 * Contacts: every write is one transaction with its audit row and its outbox event
 * (`contact.created|updated|deleted`). Sales may change only contacts they own. An account of
 * another organization is refused by the (organization_id, account_id) foreign key: 422
 * naming account_id.
 */
@Injectable()
export class ContactsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly contacts: ContactsRepository,
    private readonly audit: AuditWriter,
    private readonly outbox: OutboxWriter,
    private readonly context: RequestContext,
    private readonly customFields: CustomFieldsValidator,
  ) {}

  /** The `cf.<key>` columns its CSV export adds (one per live custom field of contacts). */
  customFieldCsvColumns(): Promise<CsvExtraColumns<ContactDto>> {
    return this.customFields.csvColumns('contact');
  }

  async list(query: ContactQueryDto): Promise<ContactPageDto> {
    return this.contacts.listPage(query, toContactDto, await this.customFields.filterFor('contact', query.cf));
  }

  async get(id: string): Promise<ContactDto> {
    return toContactDto(await this.contacts.getById(id));
  }

  create(dto: CreateContactDto): Promise<ContactDto> {
    return this.dataSource.transaction(async (manager) => {
      const principal = this.context.principal;
      const defaultOwner = principal?.kind === 'user' ? principal.id : null;
      const customFields = await this.customFields.valuesToStore(manager, 'contact', dto.custom_fields, 'create');
      const contact = await this.contacts.insert(manager, { ...contactColumns(dto, true), customFields, ownerId: dto.owner_id !== undefined ? dto.owner_id : defaultOwner });
      await this.written(manager, 'create', null, contact);
      return toContactDto(contact);
    });
  }

  /** `outer`: the caller's transaction (a bulk edit's batch), else a new one. */
  update(id: string, dto: PatchContactDto, replace: boolean, expectedVersion?: number, outer?: EntityManager): Promise<ContactDto> {
    const inTransaction = (work: (m: EntityManager) => Promise<ContactDto>) => (outer ? work(outer) : this.dataSource.transaction(work));
    return inTransaction(async (manager) => {
      const before = await this.contacts.lockById(manager, id);
      assertMayModify(this.context.principal, [before.ownerId], 'contacts');
      assertVersion(before.version, expectedVersion, 'contact');
      const customFields = await this.customFields.valuesToStore(manager, 'contact', dto.custom_fields, replace ? 'replace' : 'patch', before.customFields);
      const after = await this.contacts.updateById(manager, id, { ...contactColumns(dto, replace), ...(customFields && { customFields }), version: () => 'version + 1' });
      await this.written(manager, 'update', before, after);
      return toContactDto(after);
    });
  }

  remove(id: string): Promise<void> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.contacts.lockById(manager, id);
      assertMayModify(this.context.principal, [before.ownerId], 'contacts');
      await this.contacts.deleteById(manager, id);
      await this.contacts.recordDeleted(manager, before);
      await this.written(manager, 'delete', before, null);
    });
  }

  private async written(manager: EntityManager, action: 'create' | 'update' | 'delete', before: Contact | null, after: Contact | null): Promise<void> {
    const dto = (c: Contact | null) => (c ? toContactDto(c) : null);
    const id = (after ?? before)?.id as string;
    await this.audit.record(manager, { action, objectType: 'contact', objectId: id, before: dto(before), after: dto(after) });
    await this.outbox.record(manager, {
      organizationId: this.context.organizationId,
      type: `contact.${action === 'create' ? 'created' : action === 'update' ? 'updated' : 'deleted'}`,
      aggregateType: 'contact',
      aggregateId: id,
      payload: (dto(after) ?? { id }) as Record<string, unknown>,
    });
  }
}

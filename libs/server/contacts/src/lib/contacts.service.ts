import { Injectable } from '@nestjs/common';
import { assertMayModify } from '@clockwork/server-auth';
import { CustomFieldRecordReads, CustomFieldsValidator } from '@clockwork/server-custom-fields';
import { CrudRecord, RecordWriter } from '@clockwork/server-core';
import type { ContactDto, ContactQueryDto, CreateContactDto, PatchContactDto } from '@clockwork/shared-dto';
import type { Contact } from '@clockwork/shared-entities';
import { EntityManager } from 'typeorm';
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

const CONTACT: CrudRecord<Contact> = { objectType: 'contact', aggregateType: 'contact', view: toContactDto };

/**
 * Contacts: every write is one transaction with its audit row and its outbox event
 * (`contact.created|updated|deleted`). Sales may change only contacts they own. An account of
 * another organization is refused by the (organization_id, account_id) foreign key: 422
 * naming account_id.
 */
@Injectable()
export class ContactsService extends CustomFieldRecordReads<Contact, ContactQueryDto, ContactDto> {
  constructor(
    private readonly records: RecordWriter,
    private readonly contacts: ContactsRepository,
    customFields: CustomFieldsValidator,
  ) {
    super(contacts, toContactDto, customFields, 'contact');
  }

  create(dto: CreateContactDto): Promise<ContactDto> {
    return this.records.transaction(async (manager) => {
      const customFields = await this.customFields.valuesToStore(manager, 'contact', dto.custom_fields, 'create');
      const contact = await this.contacts.insert(manager, { ...contactColumns(dto, true), customFields, ownerId: dto.owner_id !== undefined ? dto.owner_id : this.records.userId });
      await this.records.changed(manager, CONTACT, 'create', null, contact);
      return toContactDto(contact);
    });
  }

  /** `outer`: the caller's transaction (a bulk edit's batch), else a new one. */
  update(id: string, dto: PatchContactDto, replace: boolean, expectedVersion?: number, outer?: EntityManager): Promise<ContactDto> {
    const inTransaction = (work: (m: EntityManager) => Promise<ContactDto>) => (outer ? work(outer) : this.records.transaction(work));
    return inTransaction(async (manager) => {
      const { before, after } = await this.records.updateVersioned(manager, this.contacts, id, expectedVersion, 'contact', async (stored) => {
        const customFields = await this.customFields.valuesToStore(manager, 'contact', dto.custom_fields, replace ? 'replace' : 'patch', stored.customFields);
        return { ...contactColumns(dto, replace), ...(customFields && { customFields }) };
      }, this.mayModify);
      await this.records.changed(manager, CONTACT, 'update', before, after);
      return toContactDto(after);
    });
  }

  remove(id: string): Promise<void> {
    return this.records.transaction(async (manager) => {
      const before = await this.records.deleteLocked(manager, this.contacts, id, this.mayModify);
      await this.contacts.recordDeleted(manager, before);
      await this.records.changed(manager, CONTACT, 'delete', before, null);
    });
  }

  /** Sales may change only the contacts they own (403). */
  private readonly mayModify = (stored: Contact) => assertMayModify(this.records.principal, [stored.ownerId], 'contacts');
}

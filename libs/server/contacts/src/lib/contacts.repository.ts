import { Injectable } from '@nestjs/common';
import { EncryptedFields, escapeLike, ListOrder, ReadReplicas, TenantRepository, timestampSorts, whereEquals } from '@clockwork/server-core';
import { whereCustomFields } from '@clockwork/server-custom-fields';
import type { ContactDto, ContactQueryDto } from '@clockwork/shared-dto';
import { Contact } from '@clockwork/shared-entities';
import { EntityManager, SelectQueryBuilder } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

/** The indexed orders a contact list can take (each index leads with organization_id). */
const CONTACT_ORDER: ListOrder<Contact> = {
  sorts: { ...timestampSorts<Contact>(), last_name: { column: 'last_name', cast: 'text', property: 'lastName', nullable: true } },
  fallback: 'created_at:desc',
};

/**
 * The text `q` is matched against: exactly the expression of `contacts_name_trgm_idx`, so
 * PostgreSQL answers both the ILIKE and the trigram test from that index. Emails are encrypted:
 * a `q` that is a whole email address finds its contacts through the blind index instead.
 */
const SEARCH_TEXT = (alias: string) => `(coalesce(${alias}.first_name, '') || ' ' || coalesce(${alias}.last_name, ''))`;

/** A `q` shaped like an email address is also looked up exactly. */
const looksLikeEmail = (q: string) => /^[^\s@]+@[^\s@]+$/.test(q.trim());

/**
 * Word similarity (pg_trgm `<%`) a search needs: 0.5 lets one typo in a name of 7-8 letters
 * through ("katerine" finds Katherine, 0.58) and a swapped pair of letters in a full name
 * ("jhon smith" finds John Smith, 0.55). Emails are encrypted, so they are not in the text.
 */
export const CONTACT_SEARCH_THRESHOLD = 0.5;


@Injectable()
export class ContactsRepository extends TenantRepository<Contact> {
  constructor(private readonly fields: EncryptedFields, private readonly replicas: ReadReplicas) {
    super(Contact, 'Contact');
  }

  /**
   * What a later GDPR erasure needs to find the copies about a deleted contact (events,
   * deliveries, audit rows, mentions): its email (and blind index, for erasure by email), phone
   * and name, encrypted; the erasure removes the row.
   */
  async recordDeleted(manager: EntityManager, contact: Contact): Promise<void> {
    const fullName = [contact.firstName, contact.lastName].filter(Boolean).join(' ') || null;
    const row = this.fields.encryptRow('deleted_contacts', { organization_id: contact.organizationId, id: contact.id, email: contact.email, phone: contact.phone, full_name: fullName });
    await manager.query(
      `INSERT INTO deleted_contacts (organization_id, id, email, email_hash, phone, full_name) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (organization_id, id) DO UPDATE SET email = EXCLUDED.email, email_hash = EXCLUDED.email_hash, phone = EXCLUDED.phone, full_name = EXCLUDED.full_name, deleted_at = now()`,
      [row.organization_id, row.id, row.email, (row as Record<string, unknown>)['email_hash'] ?? null, row.phone, row.full_name],
    );
  }

  /** Email and phone are encrypted (bound to this row) and the email's blind index kept. */
  override updateById(manager: EntityManager, id: string, values: QueryDeepPartialEntity<Contact>): Promise<Contact> {
    const metadata = manager.connection.getMetadata(Contact);
    return super.updateById(manager, id, this.fields.forUpdate(metadata, { organizationId: this.organizationId, id }, values));
  }

  /**
   * One page of contacts matching the filters. `q` matches a part of the first name or last name
   * (ILIKE), or a word of them with a typo (trigram word similarity), or is a contact's whole
   * email; the threshold is set for the search's own transaction only. `email` finds exactly.
   * Read on a replica when one is up to date (ReadReplicas).
   */
  listPage(query: ContactQueryDto, map: (c: Contact) => ContactDto, customFields?: Record<string, unknown>) {
    return this.replicas.read(async (source) => {
      const page = (manager: EntityManager) => this.page('c', query, map, { manager, order: CONTACT_ORDER, filter: (qb) => whereCustomFields(this.filtered(qb, query), 'c', customFields) });
      if (!query.q) return page(source.manager);
      return source.transaction('READ COMMITTED', async (manager) => {
        await manager.query(`SELECT set_config('pg_trgm.word_similarity_threshold', $1, true)`, [String(CONTACT_SEARCH_THRESHOLD)]);
        return page(manager);
      });
    });
  }

  private filtered(qb: SelectQueryBuilder<Contact>, query: ContactQueryDto): SelectQueryBuilder<Contact> {
    whereEquals(qb, 'c', { account_id: query.account_id, owner_id: query.owner_id });
    if (query.email) qb.andWhere('c.email_hash = :emailHash', { emailHash: this.fields.lookupIndex('contacts', 'email', this.organizationId, query.email) });
    if (query.q) {
      const text = SEARCH_TEXT('c');
      const byEmail = looksLikeEmail(query.q) ? ' OR c.email_hash = :qHash' : '';
      qb.andWhere(`(${text} ILIKE :like OR :q <% ${text}${byEmail})`, { like: `%${escapeLike(query.q)}%`, q: query.q, qHash: byEmail ? this.fields.lookupIndex('contacts', 'email', this.organizationId, query.q) : null });
    }
    return qb;
  }
}

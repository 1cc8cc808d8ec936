import { Injectable } from '@nestjs/common';
import { EncryptedFields, ListOrder, TenantRepository } from '@clockwork/server-core';
import type { LoggedEmailQueryDto, LoggedEmailSummaryDto, UnmatchedEmailQueryDto } from '@clockwork/shared-dto';
import { LoggedEmail, LoggedEmailAttachment, LoggedEmailLink } from '@clockwork/shared-entities';
import { EntityManager, SelectQueryBuilder } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';

/** Emails list by when they were sent, newest first unless asked. */
const BY_SENT_AT: ListOrder<LoggedEmail> = { sorts: { sent_at: { column: 'sent_at', cast: 'timestamptz', property: 'sentAt' } }, fallback: 'sent_at:desc' };

/** The records an email is linked to. */
export interface EmailLinks {
  contactIds: string[];
  accountIds: string[];
  dealIds: string[];
}

/** Logged emails, their links to records and their attachments; matching by the contacts' email blind index. */
@Injectable()
export class LoggedEmailsRepository extends TenantRepository<LoggedEmail> {
  constructor(private readonly fields: EncryptedFields) {
    super(LoggedEmail, 'Email');
  }

  /** The email already logged under this Message-ID, if any. */
  findByMessageId(messageId: string, manager?: EntityManager): Promise<LoggedEmail | null> {
    return this.repository(manager).findOneBy({ organizationId: this.organizationId, messageId });
  }

  /** The unmatched emails (the review list), newest first. */
  unmatched(query: UnmatchedEmailQueryDto, map: (e: LoggedEmail) => LoggedEmailSummaryDto) {
    return this.page('e', query, map, { order: BY_SENT_AT, filter: (qb) => qb.andWhere(`e.status = 'unmatched'`) });
  }

  /** Matched emails, of one record when asked (`hidden`: parent types the caller may not read). */
  list(query: LoggedEmailQueryDto, map: (e: LoggedEmail) => LoggedEmailSummaryDto) {
    const filter = (qb: SelectQueryBuilder<LoggedEmail>) => {
      qb.andWhere(`e.status = 'matched'`);
      for (const parent of ['contact', 'account', 'deal'] as const) {
        const id = query[`${parent}_id`];
        if (id) {
          qb.andWhere(`EXISTS (SELECT 1 FROM logged_email_links l WHERE l.organization_id = e.organization_id AND l.email_id = e.id AND l.${parent}_id = :${parent}Id)`, { [`${parent}Id`]: id });
        }
      }
    };
    return this.page('e', query, map, { order: BY_SENT_AT, filter });
  }

  /**
   * The organization's contacts whose email is one of `addresses` (compared trimmed and
   * lower-cased through the blind index), their accounts, and the open deals of those accounts.
   */
  async match(manager: EntityManager, addresses: string[]): Promise<EmailLinks> {
    const organizationId = this.organizationId;
    const hashes = [...new Set(addresses.map((a) => this.fields.lookupIndex('contacts', 'email', organizationId, a)))];
    if (hashes.length === 0) return { contactIds: [], accountIds: [], dealIds: [] };
    const contacts: Array<{ id: string; account_id: string | null }> = await manager.query(
      `SELECT id, account_id FROM contacts WHERE organization_id = $1 AND email_hash = ANY($2::text[]) ORDER BY id`,
      [organizationId, hashes],
    );
    return this.linksOfContacts(manager, contacts);
  }

  /** One contact's links (its account and that account's open deals); null when it is not the organization's. */
  async linksOfContact(manager: EntityManager, contactId: string): Promise<EmailLinks | null> {
    const contacts: Array<{ id: string; account_id: string | null }> = await manager.query(`SELECT id, account_id FROM contacts WHERE organization_id = $1 AND id = $2`, [this.organizationId, contactId]);
    return contacts.length ? this.linksOfContacts(manager, contacts) : null;
  }

  private async linksOfContacts(manager: EntityManager, contacts: Array<{ id: string; account_id: string | null }>): Promise<EmailLinks> {
    const accountIds = [...new Set(contacts.map((c) => c.account_id).filter((a): a is string => a !== null))].sort();
    const deals: Array<{ id: string }> = accountIds.length
      ? await manager.query(`SELECT id FROM deals WHERE organization_id = $1 AND account_id = ANY($2::uuid[]) AND closed_at IS NULL AND stage NOT IN ('won', 'lost') ORDER BY id`, [this.organizationId, accountIds])
      : [];
    return { contactIds: contacts.map((c) => c.id), accountIds, dealIds: deals.map((d) => d.id) };
  }

  /** Links the email to the records (a link that exists already is kept). */
  async link(manager: EntityManager, emailId: string, links: EmailLinks): Promise<void> {
    const rows = [
      ...links.contactIds.map((id) => ({ contactId: id, accountId: null, dealId: null })),
      ...links.accountIds.map((id) => ({ contactId: null, accountId: id, dealId: null })),
      ...links.dealIds.map((id) => ({ contactId: null, accountId: null, dealId: id })),
    ];
    for (const row of rows) {
      await manager.query(
        `INSERT INTO logged_email_links (organization_id, id, email_id, contact_id, account_id, deal_id) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
        [this.organizationId, uuidv7(), emailId, row.contactId, row.accountId, row.dealId],
      );
    }
  }

  /** The records an email is linked to. */
  async linksOf(emailId: string, manager?: EntityManager): Promise<EmailLinks> {
    const rows = await (manager ?? this.dataSource.manager).getRepository(LoggedEmailLink).find({ where: { organizationId: this.organizationId, emailId }, order: { id: 'ASC' } });
    const ids = (pick: (l: LoggedEmailLink) => string | null) => rows.map(pick).filter((id): id is string => id !== null);
    return { contactIds: ids((l) => l.contactId), accountIds: ids((l) => l.accountId), dealIds: ids((l) => l.dealId) };
  }

  insertAttachment(manager: EntityManager, row: Pick<LoggedEmailAttachment, 'id' | 'emailId' | 'fileName' | 'contentType' | 'sizeBytes' | 'storageKey'>): Promise<unknown> {
    return manager.getRepository(LoggedEmailAttachment).insert({ ...row, organizationId: this.organizationId });
  }

  attachmentsOf(emailId: string, manager?: EntityManager): Promise<LoggedEmailAttachment[]> {
    return (manager ?? this.dataSource.manager).getRepository(LoggedEmailAttachment).find({ where: { organizationId: this.organizationId, emailId }, order: { id: 'ASC' } });
  }

  findAttachment(emailId: string, id: string): Promise<LoggedEmailAttachment | null> {
    return this.dataSource.getRepository(LoggedEmailAttachment).findOneBy({ organizationId: this.organizationId, emailId, id });
  }
}

import { Injectable } from '@nestjs/common';
import { EncryptedFields } from '@clockwork/server-core';
import { Account, Contact } from '@clockwork/shared-entities';
import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { AccountDraft, ContactDraft } from './import-planner.builder';
import type { ImportFieldDefinition } from './import-row.validator';

const byAge = (a: { createdAt: Date; id: string }, b: { createdAt: Date; id: string }) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const oldestFirst = <T extends { createdAt: Date; id: string }>(rows: T[]): T[] => rows.sort(byAge);

/** key -> id of the oldest row found for it. */
function oldestPerKey(rows: Record<string, unknown>[]): Map<string, string> {
  const sorted = rows.map((r) => ({ key: r['__key'] as string, id: r['id'] as string, createdAt: r['created_at'] as Date })).sort(byAge);
  const map = new Map<string, string>();
  for (const r of sorted) if (!map.has(r.key)) map.set(r.key, r.id);
  return map;
}

/** A RETURNING row as its entity, through TypeORM's own column metadata (so new columns come along). */
function hydrate<T extends ObjectLiteral>(m: EntityManager, target: EntityTarget<T>, raw: Record<string, unknown>): T {
  const metadata = m.connection.getMetadata(target);
  const entity = metadata.create() as T;
  for (const column of metadata.columns) column.setEntityValue(entity, m.connection.driver.prepareHydratedValue(raw[column.databaseName], column));
  return entity;
}

export interface ImportActor {
  type: 'user' | 'api_key' | 'system';
  id: string | null;
}

/**
 * Set-based reads and writes of one import batch: every write is one statement over the whole
 * batch (jsonb_to_recordset), never a save() per row. Every method takes the organization.
 * Raw SQL bypasses TypeORM's encryption subscriber: contacts' email and phone are encrypted and
 * decrypted here (EncryptedFields), and found by email through their blind index.
 */
@Injectable()
export class ImportRecordsRepository {
  constructor(private readonly fields: EncryptedFields) {}

  private contactOf(m: EntityManager, raw: Record<string, unknown>): Contact {
    return hydrate(m, Contact, this.fields.decryptRow('contacts', raw));
  }

  private encryptedContacts(organizationId: string, drafts: ContactDraft[]): string {
    return JSON.stringify(drafts.map((d) => this.fields.encryptRow('contacts', { ...d, organization_id: organizationId })));
  }

  /** Serializes batches of concurrent imports of one kind in one organization (dedupe stays exact). */
  async lockKind(m: EntityManager, organizationId: string, kind: string): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`import:${organizationId}:${kind}`]);
  }

  /** Accounts a batch may merge into: same domain or same name (case-insensitive), oldest first. */
  async accountsMatching(m: EntityManager, organizationId: string, domains: string[], names: string[], lock: boolean): Promise<Account[]> {
    const byDomain = await this.lookup(m, 'accounts', 'a.domain IS NOT NULL AND lower(a.domain) = k.key', organizationId, domains, lock);
    const byName = await this.lookup(m, 'accounts', 'lower(a.name) = k.key', organizationId, names, lock);
    const unique = new Map([...byDomain, ...byName].map((r) => [r['id'] as string, r]));
    return oldestFirst([...unique.values()].map((r) => hydrate(m, Account, r)));
  }

  /** Contacts a batch may merge into: same email (case-insensitive, through its blind index), oldest first. */
  async contactsMatching(m: EntityManager, organizationId: string, emails: string[], lock: boolean): Promise<Contact[]> {
    const indexes = emails.map((e) => this.fields.lookupIndex('contacts', 'email', organizationId, e));
    const rows = await this.lookup(m, 'contacts', 'a.email_hash = k.key', organizationId, indexes, lock);
    return oldestFirst(rows.map((r) => this.contactOf(m, r)));
  }

  /** lower(name) -> id of the oldest account of that name, for the given names. */
  async accountIdsByName(m: EntityManager, organizationId: string, names: string[]): Promise<Map<string, string>> {
    return oldestPerKey(await this.lookup(m, 'accounts', 'lower(a.name) = k.key', organizationId, names, false));
  }

  /** lower(domain) -> id of the oldest account with that domain. */
  async accountIdsByDomain(m: EntityManager, organizationId: string, domains: string[]): Promise<Map<string, string>> {
    return oldestPerKey(await this.lookup(m, 'accounts', 'a.domain IS NOT NULL AND lower(a.domain) = k.key', organizationId, domains, false));
  }

  /**
   * The rows matching each key, one index probe per key (a lateral subquery behind an OFFSET 0
   * fence). A plain `lower(email) = ANY($2)` lets the planner, whose statistics lag behind a
   * table an import is filling, walk the organization's whole table instead: each batch would
   * cost more than the last.
   */
  private async lookup(m: EntityManager, table: 'accounts' | 'contacts', match: string, organizationId: string, keys: string[], lock: boolean): Promise<Record<string, unknown>[]> {
    if (keys.length === 0) return [];
    return m.query(
      `SELECT k.key AS "__key", a.* FROM unnest($2::text[]) AS k(key)
       CROSS JOIN LATERAL (SELECT * FROM ${table} a WHERE a.organization_id = $1 AND ${match} OFFSET 0 ${lock ? 'FOR UPDATE' : ''}) a`,
      [organizationId, keys],
    );
  }

  /** The live custom fields of a record type (what `cf.<key>` columns map to and are checked against). */
  customFields(m: EntityManager, organizationId: string, recordType: 'account' | 'contact'): Promise<ImportFieldDefinition[]> {
    return m.query(
      `SELECT key, label, type, options, required FROM custom_field_definitions
        WHERE organization_id = $1 AND record_type = $2 AND deleted_at IS NULL ORDER BY position, lower(label), id`,
      [organizationId, recordType],
    );
  }

  /** Which of the ids are users of the organization (values of `user` custom fields). */
  async existingUsers(m: EntityManager, organizationId: string, ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows: { id: string }[] = await m.query('SELECT id FROM users WHERE organization_id = $1 AND id = ANY($2::uuid[])', [organizationId, ids]);
    return new Set(rows.map((r) => r.id));
  }

  async insertAccounts(m: EntityManager, organizationId: string, drafts: AccountDraft[]): Promise<Account[]> {
    if (drafts.length === 0) return [];
    const rows: Record<string, unknown>[] = await m.query(
      `INSERT INTO accounts (organization_id, id, name, industry, address, phone, website, domain, owner_id, custom_fields)
       SELECT $1, r.id, r.name, r.industry, r.address, r.phone, r.website, r.domain, r.owner_id, coalesce(r.custom_fields, '{}')
         FROM jsonb_to_recordset($2::jsonb) AS r(id uuid, name text, industry text, address text, phone text, website text, domain text, owner_id uuid, custom_fields jsonb)
       RETURNING *`,
      [organizationId, JSON.stringify(drafts)],
    );
    return rows.map((r) => hydrate(m, Account, r));
  }

  /** Writes the merged values of existing accounts (version + 1). */
  async updateAccounts(m: EntityManager, organizationId: string, afters: AccountDraft[]): Promise<Account[]> {
    if (afters.length === 0) return [];
    // TypeORM answers an UPDATE with [rows, affected].
    const [rows]: [Record<string, unknown>[], number] = await m.query(
      `UPDATE accounts a
          SET name = r.name, industry = r.industry, address = r.address, phone = r.phone, website = r.website, domain = r.domain,
              custom_fields = coalesce(r.custom_fields, a.custom_fields), version = a.version + 1, updated_at = now()
         FROM jsonb_to_recordset($2::jsonb) AS r(id uuid, name text, industry text, address text, phone text, website text, domain text, custom_fields jsonb)
        WHERE a.organization_id = $1 AND a.id = r.id
       RETURNING a.*`,
      [organizationId, JSON.stringify(afters)],
    );
    return rows.map((r) => hydrate(m, Account, r));
  }

  async insertContacts(m: EntityManager, organizationId: string, drafts: ContactDraft[]): Promise<Contact[]> {
    if (drafts.length === 0) return [];
    const rows: Record<string, unknown>[] = await m.query(
      `INSERT INTO contacts (organization_id, id, account_id, first_name, last_name, email, email_hash, phone, job_title, owner_id, tags, custom_fields)
       SELECT $1, r.id, r.account_id, r.first_name, r.last_name, r.email, r.email_hash, r.phone, r.job_title, r.owner_id,
              ARRAY(SELECT jsonb_array_elements_text(r.tags)), coalesce(r.custom_fields, '{}')
         FROM jsonb_to_recordset($2::jsonb)
           AS r(id uuid, account_id uuid, first_name text, last_name text, email text, email_hash text, phone text, job_title text, owner_id uuid, tags jsonb, custom_fields jsonb)
       RETURNING *`,
      [organizationId, this.encryptedContacts(organizationId, drafts)],
    );
    return rows.map((r) => this.contactOf(m, r));
  }

  async updateContacts(m: EntityManager, organizationId: string, afters: ContactDraft[]): Promise<Contact[]> {
    if (afters.length === 0) return [];
    // TypeORM answers an UPDATE with [rows, affected].
    const [rows]: [Record<string, unknown>[], number] = await m.query(
      `UPDATE contacts c
          SET account_id = r.account_id, first_name = r.first_name, last_name = r.last_name, email = r.email, email_hash = r.email_hash,
              phone = r.phone, job_title = r.job_title, tags = ARRAY(SELECT jsonb_array_elements_text(r.tags)),
              custom_fields = coalesce(r.custom_fields, c.custom_fields), version = c.version + 1, updated_at = now()
         FROM jsonb_to_recordset($2::jsonb)
           AS r(id uuid, account_id uuid, first_name text, last_name text, email text, email_hash text, phone text, job_title text, tags jsonb, custom_fields jsonb)
        WHERE c.organization_id = $1 AND c.id = r.id
       RETURNING c.*`,
      [organizationId, this.encryptedContacts(organizationId, afters)],
    );
    return rows.map((r) => this.contactOf(m, r));
  }
}

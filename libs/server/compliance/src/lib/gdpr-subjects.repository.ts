import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { EncryptedFields } from '@clockwork/server-core';
import { Attachment, Contact, Note, User } from '@clockwork/shared-entities';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What the delete of a contact kept for a later erasure (deleted_contacts), decrypted. */
export interface DeletedContact {
  id: string;
  email: string | null;
  phone: string | null;
  fullName: string | null;
}

/** An employee: a user of the organization, the productivity platform's employee id, or both. */
export interface EmployeeSubject {
  user: User | null;
  employeeId: string | null;
}

/** A reference to an employee id that is not the id itself (kept in erasure records). */
export function employeeRef(organizationId: string, employeeId: string): string {
  return createHash('sha256').update(`${organizationId}:${employeeId}`).digest('hex');
}

/**
 * Named queries of GDPR requests: finding a subject and its records, and the tombstones of
 * earlier erasures. Every query names its organization.
 */
@Injectable()
export class GdprSubjectsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly fields: EncryptedFields,
  ) {}

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  findContact(organizationId: string, id: string, manager?: EntityManager, lock = false): Promise<Contact | null> {
    return this.m(manager).getRepository(Contact).findOne({ where: { organizationId, id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  /** What the delete of a contact kept for its erasure (decrypted), or null. */
  async deletedContact(organizationId: string, id: string, manager?: EntityManager): Promise<DeletedContact | null> {
    const rows: Record<string, string | null>[] = await this.m(manager).query(
      `SELECT organization_id, id, email, phone, full_name FROM deleted_contacts WHERE organization_id = $1 AND id = $2 FOR UPDATE`,
      [organizationId, id],
    );
    if (!rows[0]) return null;
    const row = this.fields.decryptRow('deleted_contacts', rows[0]);
    return { id: row['id'] as string, email: row['email'], phone: row['phone'], fullName: row['full_name'] };
  }

  async deleteDeletedContact(manager: EntityManager, organizationId: string, id: string): Promise<void> {
    await manager.query(`DELETE FROM deleted_contacts WHERE organization_id = $1 AND id = $2`, [organizationId, id]);
  }

  /** The blind index an email address has in this organization (contacts.email's). */
  emailIndex(organizationId: string, email: string): string {
    return this.fields.lookupIndex('contacts', 'email', organizationId, email);
  }

  /** Contacts with this address: live ones and deleted ones whose copies were not erased yet, by their blind index. */
  async contactIdsByEmail(organizationId: string, email: string, manager?: EntityManager): Promise<string[]> {
    const rows: { id: string }[] = await this.m(manager).query(
      `SELECT id FROM contacts WHERE organization_id = $1 AND email_hash = $2
       UNION SELECT id FROM deleted_contacts WHERE organization_id = $1 AND email_hash = $2
       ORDER BY id`,
      [organizationId, this.emailIndex(organizationId, email)],
    );
    return rows.map((r) => r.id);
  }

  /** Whether anything about this contact id is still kept (events, audit rows), the record itself gone. */
  async contactCopiesExist(organizationId: string, id: string, manager?: EntityManager): Promise<boolean> {
    const [{ found }] = await this.m(manager).query(
      `SELECT EXISTS (SELECT 1 FROM outbox_events WHERE organization_id = $1 AND aggregate_type = 'contact' AND aggregate_id = $2)
           OR EXISTS (SELECT 1 FROM audit_logs WHERE organization_id = $1 AND object_type = 'contact' AND object_id = $2 AND action NOT LIKE 'gdpr.%') AS found`,
      [organizationId, id],
    );
    return found;
  }

  /**
   * The personal values of a deleted contact as its copies still show them: names and job title
   * from its audit rows, and whatever its events' payloads carry (email, phone, names) where they
   * are readable JSON. Used with (or, for contacts deleted before deleted_contacts existed, instead of) its trace.
   */
  async contactValuesFromCopies(organizationId: string, id: string, manager?: EntityManager): Promise<string[]> {
    const values = new Set<string>();
    const add = (v: unknown) => typeof v === 'string' && v !== '[encrypted]' && v !== '[erased]' && values.add(v);
    const audit: { changes: Record<string, { from?: unknown; to?: unknown }> | null }[] = await this.m(manager).query(
      `SELECT changes FROM audit_logs WHERE organization_id = $1 AND object_type = 'contact' AND object_id = $2 AND action NOT LIKE 'gdpr.%'`,
      [organizationId, id],
    );
    for (const { changes } of audit) {
      for (const field of ['first_name', 'last_name', 'email', 'phone', 'job_title']) {
        add(changes?.[field]?.from);
        add(changes?.[field]?.to);
      }
    }
    const events: { payload: unknown }[] = await this.m(manager).query(
      `SELECT payload FROM outbox_events WHERE organization_id = $1 AND aggregate_type = 'contact' AND aggregate_id = $2`,
      [organizationId, id],
    );
    for (const { payload } of events) {
      if (!payload || typeof payload !== 'object') continue;
      const p = payload as Record<string, unknown>;
      for (const field of ['first_name', 'last_name', 'email', 'phone', 'job_title']) add(p[field]);
      if (typeof p['first_name'] === 'string' && typeof p['last_name'] === 'string') add(`${p['first_name']} ${p['last_name']}`);
    }
    return [...values];
  }

  /** Notes and attachments that hung off this contact (their rows may be gone with it), by their audit rows. */
  async formerChildIds(organizationId: string, contactId: string, manager?: EntityManager): Promise<string[]> {
    const rows: { id: string }[] = await this.m(manager).query(
      `SELECT DISTINCT object_id AS id FROM audit_logs
        WHERE organization_id = $1 AND object_type IN ('note', 'attachment') AND object_id IS NOT NULL
          AND (changes->'parent_id'->>'to' = $2 OR changes->'parent_id'->>'from' = $2)`,
      [organizationId, contactId],
    );
    return rows.map((r) => r.id);
  }

  contactNotes(organizationId: string, contactId: string, manager?: EntityManager): Promise<Note[]> {
    return this.m(manager).getRepository(Note).find({ where: { organizationId, contactId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  contactAttachments(organizationId: string, contactId: string, manager?: EntityManager): Promise<Attachment[]> {
    return this.m(manager).getRepository(Attachment).find({ where: { organizationId, contactId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** A user by id, else by linked employee id, else an employee id that only time data carries. */
  async findEmployee(organizationId: string, id: string, manager?: EntityManager): Promise<EmployeeSubject | null> {
    const users = this.m(manager).getRepository(User);
    const byId = UUID.test(id) ? await users.findOneBy({ organizationId, id }) : null;
    if (byId) return { user: byId, employeeId: byId.linkedEmployeeId };
    const linked = await users.findOneBy({ organizationId, linkedEmployeeId: id });
    if (linked) return { user: linked, employeeId: id };
    const [{ known }] = await this.m(manager).query(
      `SELECT EXISTS (SELECT 1 FROM time_entries WHERE organization_id = $1 AND employee_id = $2)
           OR EXISTS (SELECT 1 FROM personal_time_counters WHERE organization_id = $1 AND employee_id = $2)
           OR EXISTS (SELECT 1 FROM mapping_rules WHERE organization_id = $1 AND employee_id = $2) AS known`,
      [organizationId, id],
    );
    return known ? { user: null, employeeId: id } : null;
  }

  /** The first erasure record of a record (by object id) or of an employee id (by its reference). */
  async tombstone(organizationId: string, lookup: { objectId?: string; employeeId?: string; emailRef?: string }, manager?: EntityManager): Promise<{ created_at: Date } | null> {
    const conditions: string[] = [];
    const params: unknown[] = [organizationId];
    if (lookup.emailRef) conditions.push(`changes->>'email_ref' = $${params.push(lookup.emailRef)}`);
    if (lookup.objectId && UUID.test(lookup.objectId)) conditions.push(`object_id = $${params.push(lookup.objectId)}::uuid`);
    if (lookup.employeeId) conditions.push(`changes->>'employee_ref' = $${params.push(employeeRef(organizationId, lookup.employeeId))}`);
    if (conditions.length === 0) return null;
    const rows = await this.m(manager).query(
      `SELECT created_at FROM audit_logs WHERE organization_id = $1 AND action = 'gdpr.erase' AND (${conditions.join(' OR ')}) ORDER BY created_at LIMIT 1`,
      params,
    );
    return rows[0] ?? null;
  }

  /** Rows of a table about an employee (by user id and/or employee id), oldest first. */
  employeeRows(manager: EntityManager, table: 'time_entries' | 'personal_time_counters' | 'mapping_rules', organizationId: string, subject: EmployeeSubject): Promise<Record<string, unknown>[]> {
    const order = table === 'time_entries' ? 'start_time, id' : 'created_at, id';
    return manager.query(`SELECT * FROM ${table} WHERE organization_id = $1 AND (user_id = $2::uuid OR employee_id = $3) ORDER BY ${order}`, [
      organizationId,
      subject.user?.id ?? null,
      subject.employeeId,
    ]);
  }

  /** Rows of a table where any of `columns` is the user, oldest first. */
  userRows(manager: EntityManager, table: 'deals' | 'tasks' | 'notifications', columns: string[], organizationId: string, userId: string): Promise<Record<string, unknown>[]> {
    return manager.query(`SELECT * FROM ${table} WHERE organization_id = $1 AND (${columns.map((c) => `${c} = $2`).join(' OR ')}) ORDER BY created_at, id`, [organizationId, userId]);
  }

  /** Notes and attachments the user wrote or uploaded, oldest first. */
  authored<T extends Note | Attachment>(manager: EntityManager, entity: new () => T, organizationId: string, userId: string): Promise<T[]> {
    return manager.getRepository(entity).find({ where: { organizationId, authorId: userId } as never, order: { createdAt: 'ASC', id: 'ASC' } as never });
  }

  /** Audit rows about these records, oldest first. */
  auditRows(manager: EntityManager, organizationId: string, objectIds: string[]): Promise<Record<string, unknown>[]> {
    return manager.query(
      `SELECT id, actor_type, actor_id, action, object_type, object_id, changes, request_id, ip, created_at FROM audit_logs
        WHERE organization_id = $1 AND object_id = ANY($2::uuid[]) ORDER BY created_at, id`,
      [organizationId, objectIds],
    );
  }

  /**
   * What a user did, from the audit log, oldest first: which action on which record, when and
   * from where, without the changed values (those are other people's data).
   */
  activityRows(manager: EntityManager, organizationId: string, userId: string): Promise<Record<string, unknown>[]> {
    return manager.query(
      `SELECT id, action, object_type, object_id, request_id, ip, created_at FROM audit_logs WHERE organization_id = $1 AND actor_id = $2 ORDER BY created_at, id`,
      [organizationId, userId],
    );
  }

  /** Records whose free text mentions any of the terms (case-insensitive), oldest first. */
  mentions(manager: EntityManager, table: 'notes' | 'deals' | 'tasks', columns: string[], organizationId: string, patterns: string[], excludeContactId?: string): Promise<Record<string, unknown>[]> {
    if (patterns.length === 0) return Promise.resolve([]);
    const own = table === 'notes' && excludeContactId ? ` AND contact_id IS DISTINCT FROM $3::uuid` : '';
    return manager.query(
      `SELECT * FROM ${table} WHERE organization_id = $1 AND (${columns.map((c) => `${c} ILIKE ANY($2::text[])`).join(' OR ')})${own} ORDER BY created_at, id`,
      own ? [organizationId, patterns, excludeContactId] : [organizationId, patterns],
    );
  }
}

import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export const ERASED_CONTACT_NAME = 'Erased contact';
export const ERASED_USER_NAME = 'Erased user';

const count = async (manager: EntityManager, sql: string, params: unknown[]): Promise<number> => {
  const [{ n }] = await manager.query(`WITH w AS (${sql} RETURNING 1) SELECT count(*)::int AS n FROM w`, params);
  return n;
};

/** The writes of an erasure, each in the caller's transaction and organization. */
@Injectable()
export class GdprEraseRepository {
  async lockUser(manager: EntityManager, organizationId: string, userId: string): Promise<void> {
    await manager.query(`SELECT 1 FROM users WHERE organization_id = $1 AND id = $2 FOR UPDATE`, [organizationId, userId]);
  }

  /** now() of the transaction: the time its writes (and its audit row) carry. */
  async transactionTime(manager: EntityManager): Promise<Date> {
    // Rounded like every stored timestamptz(3), so a later read of the tombstone gives the same instant.
    const [{ now }] = await manager.query(`SELECT now()::timestamptz(3) AS now`);
    return new Date(now);
  }

  deleteContactNotes(manager: EntityManager, organizationId: string, contactId: string): Promise<number> {
    return count(manager, `DELETE FROM notes WHERE organization_id = $1 AND contact_id = $2`, [organizationId, contactId]);
  }

  deleteContactAttachments(manager: EntityManager, organizationId: string, contactId: string): Promise<number> {
    return count(manager, `DELETE FROM attachments WHERE organization_id = $1 AND contact_id = $2`, [organizationId, contactId]);
  }

  /** The contact stays (deals and accounts may point at it) without anything personal. */
  async anonymizeContact(manager: EntityManager, organizationId: string, contactId: string): Promise<void> {
    await manager.query(
      `UPDATE contacts SET first_name = $3, last_name = NULL, email = NULL, phone = NULL, job_title = NULL, tags = '{}', metadata = '{}'::jsonb,
              version = version + 1, updated_at = now()
        WHERE organization_id = $1 AND id = $2`,
      [organizationId, contactId, ERASED_CONTACT_NAME],
    );
  }

  /**
   * The user stays (records point at it) but can no longer sign in: name and email replaced,
   * password unusable, employee link removed, deactivated, sessions ended, notifications gone,
   * and the IP addresses of their audit rows removed.
   */
  async anonymizeUser(manager: EntityManager, organizationId: string, userId: string): Promise<void> {
    await manager.query(
      `UPDATE users SET name = $3, email = 'erased-' || id::text || '@erased.invalid', password_hash = '!erased', linked_employee_id = NULL,
              is_active = false, last_login_at = NULL, version = version + 1, updated_at = now()
        WHERE organization_id = $1 AND id = $2`,
      [organizationId, userId, ERASED_USER_NAME],
    );
    await manager.query(`DELETE FROM refresh_tokens WHERE organization_id = $1 AND user_id = $2`, [organizationId, userId]);
    await manager.query(`DELETE FROM notifications WHERE organization_id = $1 AND user_id = $2`, [organizationId, userId]);
    // Where they signed in and worked from is theirs too; the rows themselves stay.
    await manager.query(`UPDATE audit_logs SET ip = NULL WHERE organization_id = $1 AND (actor_id = $2 OR object_id = $2) AND ip IS NOT NULL`, [organizationId, userId]);
  }

  /** Time entries and mapping rules keep working on a pseudonym instead of the employee id. */
  async pseudonymizeEmployee(manager: EntityManager, organizationId: string, employeeId: string, pseudonym: string): Promise<number> {
    await manager.query(`UPDATE mapping_rules SET employee_id = $3, updated_at = now() WHERE organization_id = $1 AND employee_id = $2`, [organizationId, employeeId, pseudonym]);
    return count(manager, `UPDATE time_entries SET employee_id = $3, updated_at = now() WHERE organization_id = $1 AND employee_id = $2`, [organizationId, employeeId, pseudonym]);
  }

  deletePersonalTimeCounters(manager: EntityManager, organizationId: string, userId: string | null, employeeId: string | null): Promise<number> {
    return count(manager, `DELETE FROM personal_time_counters WHERE organization_id = $1 AND (user_id = $2::uuid OR employee_id = $3)`, [organizationId, userId, employeeId]);
  }
}

import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';

export interface SsoIdentityRow {
  organization_id: string;
  id: string;
  user_id: string;
  issuer: string;
  subject: string;
}

/** The (issuer, subject) pairs users of an organization signed in with, each linked to its user. */
@Injectable()
export class SsoIdentitiesRepository {
  async bySubject(manager: EntityManager, organizationId: string, issuer: string, subject: string): Promise<SsoIdentityRow | null> {
    const rows: SsoIdentityRow[] = await manager.query(`SELECT * FROM sso_identities WHERE organization_id = $1 AND issuer = $2 AND subject = $3`, [organizationId, issuer, subject]);
    return rows[0] ?? null;
  }

  async ofUser(manager: EntityManager, organizationId: string, issuer: string, userId: string): Promise<SsoIdentityRow | null> {
    const rows: SsoIdentityRow[] = await manager.query(`SELECT * FROM sso_identities WHERE organization_id = $1 AND issuer = $2 AND user_id = $3`, [organizationId, issuer, userId]);
    return rows[0] ?? null;
  }

  /** Links the subject to the user; false when either is linked already (a concurrent first login). */
  async link(manager: EntityManager, organizationId: string, userId: string, issuer: string, subject: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO sso_identities (organization_id, id, user_id, issuer, subject, last_login_at) VALUES ($1, $2, $3, $4, $5, now())
       ON CONFLICT DO NOTHING RETURNING id`,
      [organizationId, uuidv7(), userId, issuer, subject],
    );
    return rows.length === 1;
  }

  async touch(manager: EntityManager, organizationId: string, id: string): Promise<void> {
    await manager.query(`UPDATE sso_identities SET last_login_at = now() WHERE organization_id = $1 AND id = $2`, [organizationId, id]);
  }
}

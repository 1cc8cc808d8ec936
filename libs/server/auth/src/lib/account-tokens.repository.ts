import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';

export interface PendingSignup {
  organization_id: string;
  id: string;
  email: string;
  name: string;
  password_hash: string;
}

/**
 * Password-reset tokens and pending signups. Both are looked up by the SHA-256 of a mailed
 * token (or, for a pending signup at login, by address) before anyone is signed in, so across
 * organizations; writes are scoped by the row's organization_id.
 */
@Injectable()
export class AccountTokensRepository {
  /** A new reset token for the user; every older unused one of the user is spent (superseded). */
  async insertResetToken(manager: EntityManager, row: { organizationId: string; userId: string; tokenHash: string; expiresAt: Date }): Promise<void> {
    await manager.query(`UPDATE password_reset_tokens SET used_at = now() WHERE organization_id = $1 AND user_id = $2 AND used_at IS NULL`, [row.organizationId, row.userId]);
    await manager.query(
      `INSERT INTO password_reset_tokens (organization_id, id, user_id, token_hash, expires_at) VALUES ($1, $2, $3, $4, $5)`,
      [row.organizationId, uuidv7(), row.userId, row.tokenHash, row.expiresAt],
    );
  }

  /** Spends a live reset token (single use, unexpired); of two concurrent calls one wins. */
  async spendResetToken(manager: EntityManager, tokenHash: string): Promise<{ organization_id: string; user_id: string } | null> {
    const [rows] = await manager.query(
      `UPDATE password_reset_tokens SET used_at = now()
        WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()
        RETURNING organization_id, user_id`,
      [tokenHash],
    );
    return rows[0] ?? null;
  }

  async insertPendingSignup(manager: EntityManager, row: { organizationId: string; email: string; name: string; passwordHash: string; tokenHash: string; expiresAt: Date }): Promise<void> {
    await manager.query(
      `INSERT INTO signup_verifications (organization_id, id, email, name, password_hash, token_hash, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [row.organizationId, uuidv7(), row.email, row.name, row.passwordHash, row.tokenHash, row.expiresAt],
    );
  }

  /** The newest unexpired pending signup of an address (to tell its owner at login to verify first). */
  async findPendingSignupByEmail(manager: EntityManager, email: string): Promise<PendingSignup | null> {
    const rows = await manager.query(
      `SELECT organization_id, id, email, name, password_hash FROM signup_verifications
        WHERE lower(email) = lower($1) AND expires_at > now() ORDER BY created_at DESC LIMIT 1`,
      [email],
    );
    return rows[0] ?? null;
  }

  /** Spends a live verification token (the row is deleted: single use). */
  async spendPendingSignup(manager: EntityManager, tokenHash: string): Promise<PendingSignup | null> {
    const [rows] = await manager.query(
      `DELETE FROM signup_verifications WHERE token_hash = $1 AND expires_at > now()
        RETURNING organization_id, id, email, name, password_hash`,
      [tokenHash],
    );
    return rows[0] ?? null;
  }

  /**
   * Other pending signups of the same address, with the organizations they made (which have no
   * user): once the address is verified or invited elsewhere they can never be finished.
   */
  async dropPendingSignupsOf(manager: EntityManager, email: string): Promise<number> {
    const [, count] = await manager.query(
      `DELETE FROM organizations o USING signup_verifications s
        WHERE lower(s.email) = lower($1) AND o.id = s.organization_id
          AND NOT EXISTS (SELECT 1 FROM users u WHERE u.organization_id = o.id)`,
      [email],
    );
    return Number(count);
  }
}

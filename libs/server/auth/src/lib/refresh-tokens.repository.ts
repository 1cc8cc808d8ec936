import { Injectable } from '@nestjs/common';
import { RefreshToken } from '@clockwork/shared-entities';
import { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';

export interface SpentToken {
  organization_id: string;
  id: string;
  user_id: string;
  family_id: string;
}

/**
 * Refresh tokens are looked up by hash across organizations (the token itself says which
 * organization it belongs to); everything else is scoped by the row's organization_id.
 */
@Injectable()
export class RefreshTokensRepository {
  async insert(manager: EntityManager, row: { organizationId: string; userId: string; familyId: string; tokenHash: string; expiresAt: Date }): Promise<void> {
    await manager.insert(RefreshToken, { id: uuidv7(), ...row });
  }

  /**
   * Spends a live token atomically: of two concurrent calls with the same token, the row lock
   * lets exactly one through; the other sees it used.
   */
  async spend(manager: EntityManager, tokenHash: string): Promise<SpentToken | null> {
    const [rows] = await manager.query(
      `UPDATE refresh_tokens SET used_at = now(), updated_at = now()
        WHERE token_hash = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()
        RETURNING organization_id, id, user_id, family_id`,
      [tokenHash],
    );
    return (rows as SpentToken[])[0] ?? null;
  }

  async findByHash(manager: EntityManager, tokenHash: string): Promise<(SpentToken & { used_at: Date | null }) | null> {
    const rows = await manager.query(
      `SELECT organization_id, id, user_id, family_id, used_at FROM refresh_tokens WHERE token_hash = $1`,
      [tokenHash],
    );
    return rows[0] ?? null;
  }

  /** Revokes every live token of a login family; returns how many. */
  revokeFamily(manager: EntityManager, organizationId: string, familyId: string): Promise<number> {
    return this.revokeLive(manager, organizationId, 'family_id', familyId);
  }

  revokeAllOfUser(manager: EntityManager, organizationId: string, userId: string): Promise<number> {
    return this.revokeLive(manager, organizationId, 'user_id', userId);
  }

  /** Revokes the live tokens of the organization whose `column` is `value`; returns how many. */
  private async revokeLive(manager: EntityManager, organizationId: string, column: 'family_id' | 'user_id', value: string): Promise<number> {
    const [, count] = await manager.query(
      `UPDATE refresh_tokens SET revoked_at = now(), updated_at = now()
        WHERE organization_id = $1 AND ${column} = $2 AND revoked_at IS NULL`,
      [organizationId, value],
    );
    return Number(count);
  }

  /** Revokes every live token of the user except those of one login family (the caller's own session). */
  async revokeAllOfUserExcept(manager: EntityManager, organizationId: string, userId: string, keepFamilyId: string | null): Promise<number> {
    const [, count] = await manager.query(
      `UPDATE refresh_tokens SET revoked_at = now(), updated_at = now()
        WHERE organization_id = $1 AND user_id = $2 AND revoked_at IS NULL AND ($3::uuid IS NULL OR family_id <> $3::uuid)`,
      [organizationId, userId, keepFamilyId],
    );
    return Number(count);
  }
}

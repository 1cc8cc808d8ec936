import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { RequestContext } from '@clockwork/server-core';
import type { Role } from '@clockwork/shared-dto';
import { DataSource, EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';

export interface InvitationRow {
  organization_id: string;
  id: string;
  email: string;
  name: string;
  role: Role;
  invited_by: string | null;
  expires_at: Date;
  accepted_at: Date | null;
  revoked_at: Date | null;
  created_at: Date;
}

const COLUMNS = 'organization_id, id, email, name, role, invited_by, expires_at, accepted_at, revoked_at, created_at';

/**
 * Invitations of the caller's organization (every query scoped by its organization_id), and the
 * one lookup by token hash an invited person makes before having an account.
 */
@Injectable()
export class InvitationsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly context: RequestContext,
  ) {}

  /** A new invitation; an older pending one of the same address in this organization is revoked (superseded). */
  async insert(manager: EntityManager, row: { email: string; name: string; role: Role; tokenHash: string; invitedBy: string | null; expiresAt: Date }): Promise<InvitationRow> {
    const org = this.context.organizationId;
    await manager.query(
      `UPDATE user_invitations SET revoked_at = now(), updated_at = now()
        WHERE organization_id = $1 AND lower(email) = lower($2) AND accepted_at IS NULL AND revoked_at IS NULL`,
      [org, row.email],
    );
    const [created] = await manager.query(
      `INSERT INTO user_invitations (organization_id, id, email, name, role, token_hash, invited_by, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
      [org, uuidv7(), row.email, row.name, row.role, row.tokenHash, row.invitedBy, row.expiresAt],
    );
    return created;
  }

  /** Pending: not accepted, not revoked, not expired; oldest first. */
  listPending(limit = 500): Promise<InvitationRow[]> {
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM user_invitations
        WHERE organization_id = $1 AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > now()
        ORDER BY created_at, id LIMIT $2`,
      [this.context.organizationId, limit],
    );
  }

  /** Revokes a pending invitation of this organization; null when there is none with this id. */
  async revokePending(manager: EntityManager, id: string): Promise<InvitationRow | null> {
    const [rows] = await manager.query(
      `UPDATE user_invitations SET revoked_at = now(), updated_at = now()
        WHERE organization_id = $1 AND id = $2 AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > now()
        RETURNING ${COLUMNS}`,
      [this.context.organizationId, id],
    );
    return rows[0] ?? null;
  }

  /** The invitation of a token, locked for the rest of the transaction (accepting it). */
  async lockByTokenHash(manager: EntityManager, tokenHash: string): Promise<InvitationRow | null> {
    const rows = await manager.query(`SELECT ${COLUMNS} FROM user_invitations WHERE token_hash = $1 FOR UPDATE`, [tokenHash]);
    return rows[0] ?? null;
  }

  async markAccepted(manager: EntityManager, row: InvitationRow, userId: string): Promise<void> {
    await manager.query(
      `UPDATE user_invitations SET accepted_at = now(), accepted_user_id = $3, updated_at = now() WHERE organization_id = $1 AND id = $2`,
      [row.organization_id, row.id, userId],
    );
  }
}

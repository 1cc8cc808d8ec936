import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';

/** A row of accounting_connections; secrets and tokens are FieldCipher ciphertexts. */
export interface AccountingConnectionRow {
  organization_id: string;
  id: string;
  provider: string;
  status: 'pending' | 'connected';
  authorize_url: string;
  token_url: string;
  api_url: string;
  revoke_url: string | null;
  client_id: string;
  client_secret: string;
  scopes: string;
  access_token: string | null;
  refresh_token: string | null;
  expires_at: Date | null;
  connected_by: string | null;
  connected_at: Date | null;
  last_error: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

/** The row of a RETURNING query: TypeORM answers [rows, count] for UPDATE, rows for INSERT. */
const returned = (result: unknown[]): AccountingConnectionRow => (Array.isArray(result[0]) ? result[0][0] : result[0]) as AccountingConnectionRow;

export type ConnectionSettings = Pick<AccountingConnectionRow, 'authorize_url' | 'token_url' | 'api_url' | 'revoke_url' | 'client_id' | 'scopes'>;

/** The organization's connections to accounting systems, one per provider (raw SQL, scoped by organization). */
@Injectable()
export class AccountingConnectionsRepository {
  async byProvider(manager: EntityManager, organizationId: string, provider: string, lock = false): Promise<AccountingConnectionRow | null> {
    const rows = await manager.query(`SELECT * FROM accounting_connections WHERE organization_id = $1 AND provider = $2${lock ? ' FOR UPDATE' : ''}`, [organizationId, provider]);
    return rows[0] ?? null;
  }

  async byId(manager: EntityManager, organizationId: string, id: string, lock = false): Promise<AccountingConnectionRow | null> {
    const rows = await manager.query(`SELECT * FROM accounting_connections WHERE organization_id = $1 AND id = $2${lock ? ' FOR UPDATE' : ''}`, [organizationId, id]);
    return rows[0] ?? null;
  }

  /** The connected connections of an organization (the push handler's question). */
  async connected(manager: EntityManager, organizationId: string): Promise<AccountingConnectionRow[]> {
    return manager.query(`SELECT * FROM accounting_connections WHERE organization_id = $1 AND status = 'connected' ORDER BY provider`, [organizationId]);
  }

  /** Every connected connection with pushed, not yet paid invoices (the read-back's work list). */
  async withUnpaidPushes(manager: EntityManager): Promise<AccountingConnectionRow[]> {
    return manager.query(
      `SELECT c.* FROM accounting_connections c
        WHERE c.status = 'connected'
          AND EXISTS (SELECT 1 FROM accounting_pushes p WHERE p.organization_id = c.organization_id AND p.connection_id = c.id AND p.state = 'succeeded' AND p.paid_read_at IS NULL)`,
    );
  }

  /** A new pending connection (or the settings of the provider's row replaced, back to pending: a reconnect). */
  async upsertPending(manager: EntityManager, organizationId: string, provider: string, settings: ConnectionSettings, sealSecret: (id: string) => string): Promise<AccountingConnectionRow> {
    const existing = await this.byProvider(manager, organizationId, provider, true);
    const id = existing?.id ?? uuidv7();
    const values = [organizationId, id, provider, settings.authorize_url, settings.token_url, settings.api_url, settings.revoke_url, settings.client_id, sealSecret(id), settings.scopes];
    const rows = existing
      ? await manager.query(
          `UPDATE accounting_connections SET authorize_url = $4, token_url = $5, api_url = $6, revoke_url = $7, client_id = $8, client_secret = $9, scopes = $10,
                  status = CASE WHEN status = 'connected' THEN 'connected' ELSE 'pending' END, version = version + 1, updated_at = now()
            WHERE organization_id = $1 AND id = $2 AND provider = $3 RETURNING *`,
          values,
        )
      : await manager.query(
          `INSERT INTO accounting_connections (organization_id, id, provider, status, authorize_url, token_url, api_url, revoke_url, client_id, client_secret, scopes)
           VALUES ($1, $2, $3, 'pending', $4, $5, $6, $7, $8, $9, $10) RETURNING *`,
          values,
        );
    return returned(rows);
  }

  async saveTokens(manager: EntityManager, row: Pick<AccountingConnectionRow, 'organization_id' | 'id'>, tokens: { access_token: string; refresh_token: string | null; expires_at: Date | null }, connectedBy?: string): Promise<AccountingConnectionRow> {
    const rows = await manager.query(
      `UPDATE accounting_connections SET access_token = $3, refresh_token = $4, expires_at = $5, last_error = NULL, version = version + 1, updated_at = now()
              ${connectedBy ? `, status = 'connected', connected_by = $6, connected_at = now()` : ''}
        WHERE organization_id = $1 AND id = $2 RETURNING *`,
      [row.organization_id, row.id, tokens.access_token, tokens.refresh_token, tokens.expires_at, ...(connectedBy ? [connectedBy] : [])],
    );
    return returned(rows);
  }

  async recordError(manager: EntityManager, row: Pick<AccountingConnectionRow, 'organization_id' | 'id'>, error: string): Promise<void> {
    await manager.query(`UPDATE accounting_connections SET last_error = $3, updated_at = now() WHERE organization_id = $1 AND id = $2`, [row.organization_id, row.id, error.slice(0, 1000)]);
  }

  async remove(manager: EntityManager, row: Pick<AccountingConnectionRow, 'organization_id' | 'id'>): Promise<void> {
    await manager.query(`DELETE FROM accounting_connections WHERE organization_id = $1 AND id = $2`, [row.organization_id, row.id]);
  }
}

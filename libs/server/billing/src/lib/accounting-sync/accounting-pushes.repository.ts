import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';

/** One attempt of a push, as the push log shows it. */
export interface PushAttempt {
  attempt: number;
  at: string;
  succeeded: boolean;
  status_code: number | null;
  error: string | null;
}

export interface AccountingPushRow {
  organization_id: string;
  id: string;
  connection_id: string;
  invoice_id: string;
  state: 'pending' | 'succeeded' | 'failed';
  attempts: number;
  attempt_log: PushAttempt[];
  last_error: string | null;
  external_id: string | null;
  external_status: string | null;
  paid_read_at: Date | null;
  created_at: Date;
  updated_at: Date;
  invoice_number?: string | null;
}

/** The pushes of issued invoices to connected accounting systems and their attempt logs (raw SQL, scoped by organization). */
@Injectable()
export class AccountingPushesRepository {
  /** A pending push of the invoice to each connection, once (a replayed event adds nothing); returns the new rows. */
  async createPending(manager: EntityManager, organizationId: string, invoiceId: string, connectionIds: string[]): Promise<AccountingPushRow[]> {
    if (connectionIds.length === 0) return [];
    return manager.query(
      `INSERT INTO accounting_pushes (organization_id, id, connection_id, invoice_id, state)
       SELECT $1, x.id, x.connection_id, $2, 'pending' FROM unnest($3::uuid[], $4::uuid[]) AS x(id, connection_id)
       ON CONFLICT (organization_id, connection_id, invoice_id) DO NOTHING RETURNING *`,
      [organizationId, invoiceId, connectionIds.map(() => uuidv7()), connectionIds],
    );
  }

  async lock(manager: EntityManager, organizationId: string, id: string): Promise<AccountingPushRow | null> {
    const rows = await manager.query(`SELECT * FROM accounting_pushes WHERE organization_id = $1 AND id = $2 FOR UPDATE`, [organizationId, id]);
    return rows[0] ?? null;
  }

  async recordAttempt(manager: EntityManager, row: AccountingPushRow, attempt: PushAttempt, state: AccountingPushRow['state'], externalId: string | null): Promise<void> {
    await manager.query(
      `UPDATE accounting_pushes SET attempts = $3, attempt_log = attempt_log || $4::jsonb, state = $5, last_error = $6, external_id = coalesce($7, external_id), updated_at = now()
        WHERE organization_id = $1 AND id = $2`,
      [row.organization_id, row.id, attempt.attempt, JSON.stringify([attempt]), state, attempt.error, externalId],
    );
  }

  /** Pending pushes untouched for `olderThanMs` (their job may be lost: Redis was down), across organizations. */
  async stalePending(manager: EntityManager, olderThanMs: number, limit = 500): Promise<AccountingPushRow[]> {
    return manager.query(`SELECT * FROM accounting_pushes WHERE state = 'pending' AND updated_at < now() - make_interval(secs => $1::double precision / 1000) ORDER BY updated_at LIMIT $2`, [olderThanMs, limit]);
  }

  /** Pushed, not yet paid invoices of a connection, oldest first. */
  async unpaid(manager: EntityManager, organizationId: string, connectionId: string, limit = 200): Promise<AccountingPushRow[]> {
    return manager.query(
      `SELECT * FROM accounting_pushes WHERE organization_id = $1 AND connection_id = $2 AND state = 'succeeded' AND paid_read_at IS NULL ORDER BY created_at LIMIT $3`,
      [organizationId, connectionId, limit],
    );
  }

  async recordStatus(manager: EntityManager, row: AccountingPushRow, status: string, paid: boolean): Promise<void> {
    await manager.query(`UPDATE accounting_pushes SET external_status = $3, paid_read_at = CASE WHEN $4 THEN now() ELSE NULL END, updated_at = now() WHERE organization_id = $1 AND id = $2`, [
      row.organization_id,
      row.id,
      status,
      paid,
    ]);
  }

  /** The push log of a connection, newest first, with each invoice's number. */
  async log(manager: EntityManager, organizationId: string, connectionId: string, limit: number): Promise<AccountingPushRow[]> {
    return manager.query(
      `SELECT p.*, i.number AS invoice_number FROM accounting_pushes p
         JOIN invoices i ON i.organization_id = p.organization_id AND i.id = p.invoice_id
        WHERE p.organization_id = $1 AND p.connection_id = $2 ORDER BY p.created_at DESC, p.id DESC LIMIT $3`,
      [organizationId, connectionId, limit],
    );
  }
}

import { INestApplication } from '@nestjs/common';
import { EncryptedFields } from '@clockwork/server-core';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';

/**
 * Rows inserted straight into PostgreSQL for tests of modules that read other modules' tables
 * (timeline, search, tasks): independent of those modules' routes and with chosen timestamps.
 * Encrypted columns are written as the application writes them (EncryptedFields).
 */
export const db = (app: INestApplication) => app.get(DataSource);
const encrypted = <T extends Record<string, unknown>>(app: INestApplication, table: string, row: T): T => app.get(EncryptedFields).encryptRow(table, row);

export async function insertDeal(app: INestApplication, organizationId: string, row: { name: string; account_id?: string | null; stage?: string }): Promise<string> {
  const id = randomUUID();
  await db(app).query(`INSERT INTO deals (organization_id, id, name, account_id, stage) VALUES ($1, $2, $3, $4, $5)`, [organizationId, id, row.name, row.account_id ?? null, row.stage ?? 'prospecting']);
  return id;
}

export async function insertContact(
  app: INestApplication,
  organizationId: string,
  row: { first_name: string; last_name?: string | null; email?: string | null; account_id?: string | null },
): Promise<string> {
  const id = randomUUID();
  const { email, email_hash } = encrypted(app, 'contacts', { organization_id: organizationId, id, email: row.email ?? null, email_hash: null as string | null });
  await db(app).query(`INSERT INTO contacts (organization_id, id, first_name, last_name, email, email_hash, account_id) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
    organizationId,
    id,
    row.first_name,
    row.last_name ?? null,
    email,
    email_hash,
    row.account_id ?? null,
  ]);
  return id;
}

export async function insertNote(
  app: INestApplication,
  organizationId: string,
  row: { parent_type: 'account' | 'contact' | 'deal' | 'task'; parent_id: string; body: string; is_private?: boolean; author_id?: string | null; at: string },
): Promise<string> {
  const id = randomUUID();
  const { body } = encrypted(app, 'notes', { organization_id: organizationId, id, body: row.body, is_private: row.is_private ?? false });
  await db(app).query(
    `INSERT INTO notes (organization_id, id, parent_type, ${row.parent_type}_id, body, is_private, author_id, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)`,
    [organizationId, id, row.parent_type, row.parent_id, body, row.is_private ?? false, row.author_id ?? null, row.at],
  );
  return id;
}

export async function insertStageChange(app: INestApplication, organizationId: string, row: { deal_id: string; from_stage: string | null; to_stage: string; at: string }): Promise<string> {
  const id = randomUUID();
  await db(app).query(`INSERT INTO deal_stage_history (organization_id, id, deal_id, from_stage, to_stage, entered_at) VALUES ($1, $2, $3, $4, $5, $6)`, [
    organizationId,
    id,
    row.deal_id,
    row.from_stage,
    row.to_stage,
    row.at,
  ]);
  return id;
}

export async function insertAudit(app: INestApplication, organizationId: string, row: { object_type: string; object_id: string; action: string; changes?: object; at: string }): Promise<string> {
  const id = randomUUID();
  await db(app).query(`INSERT INTO audit_logs (organization_id, id, actor_type, action, object_type, object_id, changes, created_at) VALUES ($1, $2, 'system', $3, $4, $5, $6, $7)`, [
    organizationId,
    id,
    row.action,
    row.object_type,
    row.object_id,
    JSON.stringify(row.changes ?? {}),
    row.at,
  ]);
  return id;
}

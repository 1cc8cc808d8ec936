import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { SyncRecordType } from '@clockwork/shared-dto';
import { DataSource, EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { DealForSync, SyncValues, TaskForSync } from './sync.fields';

export interface SyncRecordRow {
  organization_id: string;
  id: string;
  integration_id: string;
  record_type: SyncRecordType;
  record_id: string;
  remote_id: string | null;
  snapshot: SyncValues | null;
  crm_updated_at: Date | null;
  remote_updated_at: Date | null;
  push_pending: boolean;
  revision: number;
  attempts: number;
}

/** A sync record claimed for one push, with its integration's target and encrypted secret. */
export interface ClaimedPush extends SyncRecordRow {
  base_url: string | null;
  enabled: boolean;
  signing_secret: string;
}

const RECORD_COLUMNS = `organization_id, id, integration_id, record_type, record_id, remote_id, snapshot, crm_updated_at, remote_updated_at, push_pending, revision, attempts`;

/**
 * Named queries of the sync records, with explicit organization ids (the worker serves every
 * organization; the inbound webhook runs as the integration). The rows are the durable record
 * of what is synced and what is still to push; Redis only carries pointers with a lease token.
 */
@Injectable()
export class SyncRecordsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** The organization's enabled productivity integrations that have somewhere to push to. */
  async pushTargets(manager: EntityManager, organizationId: string): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `SELECT id FROM integrations WHERE organization_id = $1 AND enabled AND provider = 'productivity' AND base_url IS NOT NULL ORDER BY id`,
      [organizationId],
    );
    return rows.map((r) => r.id);
  }

  async task(manager: EntityManager, organizationId: string, id: string): Promise<TaskForSync | null> {
    const [row] = await manager.query(
      `SELECT t.id, t.title, t.description, t.status, t.priority, t.due_date, t.estimated_hours, t.deal_id, t.assigned_to, t.updated_at,
              u.linked_employee_id AS assignee_employee_id
         FROM tasks t LEFT JOIN users u ON u.organization_id = t.organization_id AND u.id = t.assigned_to
        WHERE t.organization_id = $1 AND t.id = $2`,
      [organizationId, id],
    );
    return row ?? null;
  }

  async deal(manager: EntityManager, organizationId: string, id: string): Promise<DealForSync | null> {
    const [row] = await manager.query(
      `SELECT d.id, d.name, d.description, d.stage, s.kind AS stage_kind, d.value, d.currency, to_char(d.start_date, 'YYYY-MM-DD') AS start_date,
              to_char(d.end_date, 'YYYY-MM-DD') AS end_date, d.updated_at, u.linked_employee_id AS owner_employee_id
         FROM deals d LEFT JOIN users u ON u.organization_id = d.organization_id AND u.id = d.owner_id
         JOIN pipeline_stages s ON s.organization_id = d.organization_id AND s.pipeline_id = d.pipeline_id AND s.key = d.stage
        WHERE d.organization_id = $1 AND d.id = $2`,
      [organizationId, id],
    );
    return row ?? null;
  }

  async lockRecord(manager: EntityManager, organizationId: string, integrationId: string, type: SyncRecordType, recordId: string): Promise<SyncRecordRow | null> {
    const [row] = await manager.query(
      `SELECT ${RECORD_COLUMNS} FROM sync_records WHERE organization_id = $1 AND integration_id = $2 AND record_type = $3 AND record_id = $4 FOR UPDATE`,
      [organizationId, integrationId, type, recordId],
    );
    return row ?? null;
  }

  /** Asks for a push of the record (now), creating its sync record on first use. */
  async requestPush(manager: EntityManager, organizationId: string, integrationId: string, type: SyncRecordType, recordId: string): Promise<void> {
    await manager.query(
      `INSERT INTO sync_records (organization_id, id, integration_id, record_type, record_id, push_pending, next_attempt_at)
       VALUES ($1, $2, $3, $4, $5, true, now())
       ON CONFLICT (organization_id, integration_id, record_type, record_id) DO UPDATE
         SET push_pending = true, next_attempt_at = now(), revision = sync_records.revision + 1, updated_at = now()`,
      [organizationId, uuidv7(), integrationId, type, recordId],
    );
  }

  /** After a remote change was merged: the remote's values are the snapshot now; a push follows when the CRM still differs. */
  async recordRemoteChange(
    manager: EntityManager,
    organizationId: string,
    integrationId: string,
    recordId: string,
    change: { snapshot: SyncValues; crmUpdatedAt: Date; remoteUpdatedAt: Date; pushPending: boolean },
  ): Promise<string> {
    const [row] = await manager.query(
      `INSERT INTO sync_records (organization_id, id, integration_id, record_type, record_id, snapshot, crm_updated_at, remote_updated_at, synced_at, push_pending, next_attempt_at)
       VALUES ($1, $2, $3, 'task', $4, $5, $6, $7, now(), $8, CASE WHEN $8 THEN now() END)
       ON CONFLICT (organization_id, integration_id, record_type, record_id) DO UPDATE
         SET snapshot = EXCLUDED.snapshot, crm_updated_at = EXCLUDED.crm_updated_at, remote_updated_at = EXCLUDED.remote_updated_at,
             synced_at = now(), push_pending = sync_records.push_pending OR EXCLUDED.push_pending,
             next_attempt_at = CASE WHEN EXCLUDED.push_pending THEN now() ELSE sync_records.next_attempt_at END,
             revision = sync_records.revision + 1, updated_at = now()
       RETURNING id`,
      [organizationId, uuidv7(), integrationId, recordId, JSON.stringify(change.snapshot), change.crmUpdatedAt, change.remoteUpdatedAt, change.pushPending],
    );
    return row.id;
  }

  /** Due pushes nobody holds a lease on, locked for the caller's transaction (SKIP LOCKED). */
  lockDue(manager: EntityManager, limit: number): Promise<{ organization_id: string; id: string }[]> {
    return manager.query(
      `SELECT organization_id, id FROM sync_records
        WHERE push_pending AND next_attempt_at <= now() AND (lease_until IS NULL OR lease_until < now())
        ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    );
  }

  async lease(manager: EntityManager, rows: { organization_id: string; id: string; token: string }[], seconds: number): Promise<void> {
    await manager.query(
      `UPDATE sync_records s SET lease_token = r.token, lease_until = now() + make_interval(secs => $4)
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[]) AS r(organization_id, id, token)
        WHERE s.organization_id = r.organization_id AND s.id = r.id`,
      [rows.map((r) => r.organization_id), rows.map((r) => r.id), rows.map((r) => r.token), seconds],
    );
  }

  /** Takes the push for `seconds` when it is still pending and due, and the job's lease holds (or ran out): of two workers, one gets it. */
  async claim(organizationId: string, id: string, jobToken: string, claimToken: string, seconds: number): Promise<ClaimedPush | null> {
    const [row] = await this.dataSource.query(
      `WITH claimed AS (
         UPDATE sync_records SET lease_token = $4, lease_until = now() + make_interval(secs => $5)
          WHERE organization_id = $1 AND id = $2 AND push_pending AND next_attempt_at <= now()
            AND (lease_token = $3 OR lease_until IS NULL OR lease_until < now())
         RETURNING ${RECORD_COLUMNS})
       SELECT c.*, i.base_url, i.enabled, i.signing_secret
         FROM claimed c JOIN integrations i ON i.organization_id = c.organization_id AND i.id = c.integration_id`,
      [organizationId, id, jobToken, claimToken, seconds],
    );
    return row ?? null;
  }

  /**
   * The push was answered 2xx: the remote id and the pushed values are the synced state. When
   * something changed meanwhile (another revision), the record stays pending for another look.
   */
  async pushed(c: ClaimedPush, claimToken: string, result: { remoteId: string; snapshot: SyncValues; crmUpdatedAt: Date; remoteUpdatedAt: Date | null; statusCode: number }): Promise<void> {
    await this.dataSource.query(
      `UPDATE sync_records SET remote_id = $4, attempts = 0, last_status_code = $9, last_error = NULL, lease_token = NULL, lease_until = NULL, synced_at = now(), updated_at = now(),
              snapshot = CASE WHEN revision = $5 THEN $6::jsonb ELSE snapshot END,
              crm_updated_at = CASE WHEN revision = $5 THEN $7::timestamptz ELSE crm_updated_at END,
              remote_updated_at = CASE WHEN revision = $5 THEN coalesce($8::timestamptz, remote_updated_at) ELSE remote_updated_at END,
              push_pending = revision <> $5, next_attempt_at = now()
        WHERE organization_id = $1 AND id = $2 AND lease_token = $3`,
      [c.organization_id, c.id, claimToken, result.remoteId, c.revision, JSON.stringify(result.snapshot), result.crmUpdatedAt, result.remoteUpdatedAt, result.statusCode],
    );
  }

  /** Nothing (more) to push: the record is in sync, or can no longer be pushed (`reason`). */
  async settled(c: ClaimedPush, claimToken: string, reason: string | null): Promise<void> {
    await this.dataSource.query(
      `UPDATE sync_records SET push_pending = revision <> $4, lease_token = NULL, lease_until = NULL, attempts = 0, last_error = $5, updated_at = now()
        WHERE organization_id = $1 AND id = $2 AND lease_token = $3`,
      [c.organization_id, c.id, claimToken, c.revision, reason],
    );
  }

  /** The push failed: try again after `delayMs`. */
  async failed(c: ClaimedPush, claimToken: string, failure: { statusCode: number | null; error: string; delayMs: number }): Promise<void> {
    await this.dataSource.query(
      `UPDATE sync_records SET attempts = attempts + 1, last_status_code = coalesce($4, last_status_code), last_error = $5,
              next_attempt_at = now() + make_interval(secs => $6::float8 / 1000), lease_token = NULL, lease_until = NULL, updated_at = now()
        WHERE organization_id = $1 AND id = $2 AND lease_token = $3`,
      [c.organization_id, c.id, claimToken, failure.statusCode, failure.error.slice(0, 1000), failure.delayMs],
    );
  }
}

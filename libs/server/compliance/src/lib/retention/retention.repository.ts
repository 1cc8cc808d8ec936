import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { RetentionAction, RetentionKind } from '@clockwork/shared-dto';
import { RetentionPolicy } from '@clockwork/shared-entities';
import { DataSource, EntityManager } from 'typeorm';
import { INVOICED, RETENTION_SQL } from './retention-kinds.sql';

export interface RetentionScope {
  organizationId: string;
  kind: RetentionKind;
  action: RetentionAction;
  cutoff: Date;
  /** Whether invoiced time entries must be skipped (the invoice tables exist). */
  invoiceClaims: boolean;
}

/** Below every id: the key range of a run's first chunk starts here. */
export const FIRST_ID = '00000000-0000-0000-0000-000000000000';

/** The rows a policy applies to now: old enough, not always kept, not already anonymized, not invoiced. */
function affectedWhere(scope: RetentionScope, invoiced: 'exclude' | 'only'): string {
  const sql = RETENTION_SQL[scope.kind];
  const conditions = ['t.organization_id = $1', `${sql.age} < $2`];
  if (sql.alwaysKept) conditions.push(`NOT (${sql.alwaysKept})`);
  if (scope.action === 'anonymize') conditions.push(sql.notAnonymized);
  if (sql.invoiced && scope.invoiceClaims) conditions.push(invoiced === 'exclude' ? `NOT ${INVOICED}` : INVOICED);
  else if (invoiced === 'only') conditions.push('false');
  return conditions.join(' AND ');
}

/** Named queries of retention: the policies of every organization, and counting and applying them. */
@Injectable()
export class RetentionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Every policy of every organization (or of one), by organization and kind. */
  policies(organizationId?: string): Promise<RetentionPolicy[]> {
    return this.dataSource.getRepository(RetentionPolicy).find({ where: organizationId ? { organizationId } : {}, order: { organizationId: 'ASC', kind: 'ASC' } });
  }

  /** The instant `months` months ago (by the database's clock). */
  async cutoff(months: number, manager?: EntityManager): Promise<Date> {
    const [{ cutoff }] = await (manager ?? this.dataSource.manager).query(`SELECT now() - make_interval(months => $1::int) AS cutoff`, [months]);
    return new Date(cutoff);
  }

  /** Whether the billing tables that claim time entries exist (checked at run time). */
  async hasInvoiceClaims(manager?: EntityManager): Promise<boolean> {
    const [{ present }] = await (manager ?? this.dataSource.manager).query(`SELECT to_regclass('invoice_line_entries') IS NOT NULL AS present`);
    return present;
  }

  /** How many rows applying the policy now would change, and how many old ones invoices keep. */
  async count(scope: RetentionScope, manager?: EntityManager): Promise<{ affected: number; skipped_invoiced: number }> {
    const table = RETENTION_SQL[scope.kind].table;
    const [{ affected, skipped }] = await (manager ?? this.dataSource.manager).query(
      `SELECT (SELECT count(*) FROM ${table} t WHERE ${affectedWhere(scope, 'exclude')})::int AS affected,
              (SELECT count(*) FROM ${table} t WHERE ${affectedWhere(scope, 'only')})::int AS skipped`,
      [scope.organizationId, scope.cutoff],
    );
    return { affected, skipped_invoiced: skipped };
  }

  /**
   * Deletes or anonymizes at most `limit` rows whose id is above `after` (the key range goes on
   * where the last chunk ended, so no chunk reads again the rows the others deleted or
   * anonymized); rows locked by a writer are skipped until the next run. Returns how many, and
   * the last id of the range (null when it was empty).
   */
  async applyChunk(manager: EntityManager, scope: RetentionScope, limit: number, after: string = FIRST_ID): Promise<{ n: number; last: string | null }> {
    const sql = RETENTION_SQL[scope.kind];
    const batch = `SELECT t.id FROM ${sql.table} t WHERE ${affectedWhere(scope, 'exclude')} AND t.id > $4 ORDER BY t.id LIMIT $3 FOR UPDATE SKIP LOCKED`;
    const write =
      scope.action === 'delete'
        ? `DELETE FROM ${sql.table} x USING batch WHERE x.organization_id = $1 AND x.id = batch.id RETURNING 1`
        : `UPDATE ${sql.table} SET ${sql.anonymize} FROM batch WHERE ${sql.table}.organization_id = $1 AND ${sql.table}.id = batch.id RETURNING 1`;
    const [{ n, last }] = await manager.query(
      `WITH batch AS (${batch}), w AS (${write}) SELECT (SELECT count(*) FROM w)::int AS n, (SELECT id FROM batch ORDER BY id DESC LIMIT 1) AS last`,
      [scope.organizationId, scope.cutoff, limit, after],
    );
    return { n, last };
  }

  async markApplied(manager: EntityManager, policy: RetentionPolicy, affected: number): Promise<void> {
    await manager.query(`UPDATE retention_policies SET last_applied_at = now(), last_affected = $3 WHERE organization_id = $1 AND id = $2`, [policy.organizationId, policy.id, affected]);
  }
}

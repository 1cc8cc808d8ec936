import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { RequestContext } from '@clockwork/server-core';
import { DataSource } from 'typeorm';
import { DEMO_MARKER } from './demo-data.fixture';

/** The organization's records that make it "not empty" for the sample data (each: is there any?). */
export const DEMO_STATE_SQL = `SELECT
    EXISTS (SELECT 1 FROM accounts WHERE organization_id = $1 AND metadata ->> 'demo_data' = $2) AS loaded,
    ARRAY_REMOVE(ARRAY[
      CASE WHEN EXISTS (SELECT 1 FROM accounts WHERE organization_id = $1) THEN 'accounts' END,
      CASE WHEN EXISTS (SELECT 1 FROM contacts WHERE organization_id = $1) THEN 'contacts' END,
      CASE WHEN EXISTS (SELECT 1 FROM deals WHERE organization_id = $1) THEN 'deals' END,
      CASE WHEN EXISTS (SELECT 1 FROM tasks WHERE organization_id = $1) THEN 'tasks' END,
      CASE WHEN EXISTS (SELECT 1 FROM time_entries WHERE organization_id = $1) THEN 'time entries' END,
      CASE WHEN EXISTS (SELECT 1 FROM mapping_rules WHERE organization_id = $1) THEN 'mapping rules' END,
      CASE WHEN EXISTS (SELECT 1 FROM billing_rates WHERE organization_id = $1) THEN 'rates' END,
      CASE WHEN EXISTS (SELECT 1 FROM invoices WHERE organization_id = $1) THEN 'invoices' END
    ], NULL) AS holding`;

export interface DemoState {
  /** The sample accounts are there. */
  loaded: boolean;
  /** The kinds of records the organization already has. */
  holding: string[];
}

@Injectable()
export class DemoDataRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly context: RequestContext,
  ) {}

  async state(): Promise<DemoState> {
    const [row] = await this.dataSource.query(DEMO_STATE_SQL, [this.context.organizationId, DEMO_MARKER]);
    return row as DemoState;
  }

  /**
   * Runs `work` holding the organization's sample-data lock, so that two loads at once cannot both
   * find the organization empty; `null` when another load holds it. The lock is transaction-scoped
   * (pg_try_advisory_xact_lock in a transaction of its own, open while `work` runs on other
   * connections): a session lock would stay behind on a server connection of a transaction pooler.
   */
  async whileLocked<T>(work: () => Promise<T>): Promise<T | null> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    const key = `demo-data:${this.context.organizationId}`;
    try {
      await runner.startTransaction();
      const [{ locked }] = await runner.query(`SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked`, [key]);
      if (!locked) return null;
      return await work();
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      await runner.release();
    }
  }

  /** The first active admin of an organization (`npm run demo --org`: whom the sample data is loaded as); null when none. */
  async firstAdminOf(organizationId: string): Promise<{ id: string; email: string } | null> {
    const rows = await this.dataSource.query(`SELECT id, email FROM users WHERE organization_id = $1 AND role = 'admin' AND is_active ORDER BY created_at, id LIMIT 1`, [organizationId]);
    return rows[0] ?? null;
  }
}

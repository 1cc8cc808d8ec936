import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditWriter, Env, SYSTEM_ACTOR } from '@clockwork/server-core';
import type { RetentionOutcomeDto } from '@clockwork/shared-dto';
import type { RetentionPolicy } from '@clockwork/shared-entities';
import { DataSource } from 'typeorm';
import { FIRST_ID, RetentionRepository, RetentionScope } from './retention.repository';

export interface RetentionRun extends RetentionOutcomeDto {
  organization_id: string;
  /** Transactions the rows were changed in (each at most RETENTION_BATCH_SIZE rows). */
  chunks: number;
}

/**
 * Applies retention policies: per policy, old rows are deleted or anonymized in chunks of
 * RETENTION_BATCH_SIZE by key ranges (ids in order, each chunk after the last one's), each chunk
 * its own short transaction; then one summary audit row per
 * policy (actor: system) records the cutoff and how many rows were changed. Time entries on
 * an invoice are never touched.
 */
@Injectable()
export class RetentionRunner {
  private readonly logger = new Logger(RetentionRunner.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly retention: RetentionRepository,
    private readonly audit: AuditWriter,
    private readonly env: Env,
  ) {}

  /** Every organization's policies (or one organization's). */
  async applyAll(organizationId?: string): Promise<RetentionRun[]> {
    const invoiceClaims = await this.retention.hasInvoiceClaims();
    const runs: RetentionRun[] = [];
    for (const policy of await this.retention.policies(organizationId)) runs.push(await this.apply(policy, invoiceClaims));
    return runs;
  }

  private async apply(policy: RetentionPolicy, invoiceClaims: boolean): Promise<RetentionRun> {
    const cutoff = await this.retention.cutoff(policy.keepMonths);
    const scope: RetentionScope = { organizationId: policy.organizationId, kind: policy.kind, action: policy.action, cutoff, invoiceClaims };
    const batch = this.env.RETENTION_BATCH_SIZE;
    let affected = 0;
    let chunks = 0;
    // One short transaction per chunk, each over the next key range (ids above the last chunk's).
    for (let after: string | null = FIRST_ID; after !== null; ) {
      const from: string = after;
      const { n, last } = await this.dataSource.transaction((manager) => this.retention.applyChunk(manager, scope, batch, from));
      if (n > 0) chunks += 1;
      affected += n;
      after = n < batch ? null : last;
    }
    const { skipped_invoiced } = await this.retention.count({ ...scope, action: policy.action });
    const run: RetentionRun = {
      organization_id: policy.organizationId,
      kind: policy.kind,
      action: policy.action,
      keep_months: policy.keepMonths,
      cutoff: cutoff.toISOString(),
      affected,
      skipped_invoiced,
      chunks,
    };
    await this.dataSource.transaction(async (manager) => {
      await this.retention.markApplied(manager, policy, affected);
      const { organization_id: _org, ...details } = run;
      await this.audit.recordAs(manager, policy.organizationId, SYSTEM_ACTOR, {
        action: 'retention.apply',
        objectType: 'retention_policy',
        objectId: policy.id,
        details: { ...details, invoice_claims_checked: invoiceClaims },
      });
    });
    if (affected > 0) this.logger.log(`Retention ${policy.kind} (${policy.action}, ${policy.keepMonths} months) of organization ${policy.organizationId}: ${affected} rows in ${chunks} chunks`);
    return run;
  }
}

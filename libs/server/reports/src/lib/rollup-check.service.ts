import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditWriter, RequestContext } from '@clockwork/server-core';
import type { RollupCheckDto, RollupCheckResultDto, RollupDriftDto } from '@clockwork/shared-dto';
import { DataSource } from 'typeorm';
import { int } from './report-figures';
import { DriftRow, RollupCheckRepository } from './rollup-check.repository';

const toDrift = (r: DriftRow): RollupDriftDto => ({
  day: r.day,
  deal_id: r.deal_id,
  task_id: r.task_id,
  user_id: r.user_id,
  account_id: r.account_id,
  billable: r.billable,
  rollup: { entries: int(r.rollup_entries), seconds: int(r.rollup_seconds), score_sum: r.rollup_score_sum },
  raw: { entries: int(r.raw_entries), seconds: int(r.raw_seconds), score_sum: r.raw_score_sum },
});

/**
 * The rollup drift check: recomputes a UTC day range of one organization from the raw time
 * entries, lists the keys whose rollups differ and, with `repair`, corrects them. Each check
 * is one transaction with its audit row (action `check` or `repair`, object `time_rollups`).
 */
@Injectable()
export class RollupCheckService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly checks: RollupCheckRepository,
    private readonly audit: AuditWriter,
    private readonly context: RequestContext,
  ) {}

  /** `POST /reports/rollups/check` as the caller's organization. */
  check(dto: RollupCheckDto): Promise<RollupCheckResultDto> {
    return this.run(this.context.organizationId, dto.date_from, dto.date_to, dto.repair === true, true);
  }

  /** The daily job: every organization, repairing; audited only where something was repaired. */
  async checkAll(dateFrom: string, dateTo: string, repair: boolean): Promise<{ organizationId: string; differing_keys: number }[]> {
    const results: { organizationId: string; differing_keys: number }[] = [];
    for (const { id } of await this.checks.organizationIds()) {
      const result = await this.run(id, dateFrom, dateTo, repair, false);
      results.push({ organizationId: id, differing_keys: result.differing_keys });
    }
    return results;
  }

  private run(organizationId: string, from: string, to: string, repair: boolean, alwaysAudit: boolean): Promise<RollupCheckResultDto> {
    return this.dataSource.transaction(async (manager) => {
      const rows = await this.checks.drift(manager, organizationId, from, to, repair);
      const differing = rows.length > 0 ? int(rows[0].differing_keys) : 0;
      if (repair) await this.checks.pruneZeros(manager, organizationId, from, to);
      if (alwaysAudit || differing > 0) {
        await this.audit.record(manager, {
          organizationId,
          action: repair ? 'repair' : 'check',
          objectType: 'time_rollups',
          objectId: null,
          details: { date_from: from, date_to: to, differing_keys: differing, repaired: repair && differing > 0 },
        });
      }
      return { date_from: from, date_to: to, differing_keys: differing, repaired: repair && differing > 0, drift: rows.map(toDrift) };
    });
  }
}

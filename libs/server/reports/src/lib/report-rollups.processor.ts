import { Processor } from '@nestjs/bull';
import { Logger } from '@nestjs/common';
import { GatedProcess } from '@clockwork/server-core';
import { QUEUES, ROLLUP_CHECK_JOB, RollupCheckJobData } from '@clockwork/shared-jobs';
import type { Job } from 'bull';
import { RollupCheckService } from './rollup-check.service';

const day = (d: Date) => d.toISOString().slice(0, 10);

/** The UTC day range of a daily check: `days` days back through today. */
export function checkRange(now: Date, days: number): { from: string; to: string } {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return { from: day(new Date(today - days * 86_400_000)), to: day(new Date(today + 86_400_000)) };
}

/** Thin processor: the daily drift check of every organization's recent rollups. */
@Processor(QUEUES.reportRollups)
export class ReportRollupsProcessor {
  private readonly logger = new Logger(ReportRollupsProcessor.name);

  constructor(private readonly checks: RollupCheckService) {}

  @GatedProcess(QUEUES.reportRollups, { name: ROLLUP_CHECK_JOB, concurrency: 1 })
  async run(job: Job<RollupCheckJobData>): Promise<{ organizations: number; differing_keys: number }> {
    const { from, to } = checkRange(new Date(), job.data.days);
    const results = await this.checks.checkAll(from, to, job.data.repair);
    const drifted = results.filter((r) => r.differing_keys > 0);
    for (const r of drifted) this.logger.warn(`Time rollups of organization ${r.organizationId} differed in ${r.differing_keys} keys (${from}..${to}); repaired: ${job.data.repair}`);
    return { organizations: results.length, differing_keys: drifted.reduce((s, r) => s + r.differing_keys, 0) };
  }
}

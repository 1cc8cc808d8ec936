import { Processor } from '@nestjs/bull';
import { GatedProcess } from '@clockwork/server-core';
import { INSIGHTS_TRAIN_JOB, InsightsTrainJobData, QUEUES } from '@clockwork/shared-jobs';
import type { Job } from 'bull';
import { InsightsRepository } from './insights.repository';
import { InsightsScoringService } from './insights-scoring.service';
import { SuggestionAutoApplyService } from './suggestion-auto-apply.service';
import { WinModelService } from './win-model.service';

/** Thin processor: trains the win models, scores deal health and churn bands, then auto-applies mapping suggestions where that is on (nightly every organization, on demand one). */
@Processor(QUEUES.insights)
export class InsightsProcessor {
  constructor(
    private readonly winModels: WinModelService,
    private readonly scoring: InsightsScoringService,
    private readonly repository: InsightsRepository,
    private readonly autoApply: SuggestionAutoApplyService,
  ) {}

  @GatedProcess(QUEUES.insights, { name: INSIGHTS_TRAIN_JOB, concurrency: 1 })
  async train(job: Job<InsightsTrainJobData>): Promise<{ organizations: number; failed: number; scoring_failed: number; auto_applied: number }> {
    const organizationId = job.data?.organizationId;
    const trained = await this.winModels.trainAll(organizationId);
    const scored = await this.scoring.scoreAll(organizationId ? [organizationId] : await this.repository.organizationIds());
    const applied = await this.autoApply.runAll(organizationId ? [organizationId] : undefined);
    return { ...trained, scoring_failed: scored.failed, auto_applied: applied.applied };
  }
}

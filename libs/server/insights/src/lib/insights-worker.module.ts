import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { DealBudgetRepository } from '@clockwork/server-deals';
import { repeatableJob } from '@clockwork/server-core';
import { INSIGHTS_TRAIN_JOB, QUEUES } from '@clockwork/shared-jobs';
import { InsightsProcessor } from './insights.processor';
import { InsightStatesRepository } from './insight-states.repository';
import { InsightsRepository } from './insights.repository';
import { InsightsScoringService } from './insights-scoring.service';
import { MappingLearningRepository } from './mapping-learning.repository';
import { SuggestionAutoApplyService } from './suggestion-auto-apply.service';
import { WinModelService } from './win-model.service';
import { WinProbabilitiesModule } from './win-probabilities.module';

/** Every 24 hours: the win models of every organization, then their deal health and churn bands and the auto-apply of mapping suggestions (and the on-demand trainings). */
export const WIN_MODEL_TRAINING_INTERVAL_MS = 24 * 3600 * 1000;

/** The worker side of insights: the `insights` queue and its nightly training. */
@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.insights }), WinProbabilitiesModule],
  providers: [
    InsightsProcessor,
    WinModelService,
    InsightsRepository,
    DealBudgetRepository,
    InsightStatesRepository,
    InsightsScoringService,
    MappingLearningRepository,
    SuggestionAutoApplyService,
    repeatableJob({ queue: QUEUES.insights, job: INSIGHTS_TRAIN_JOB, everyMs: () => WIN_MODEL_TRAINING_INTERVAL_MS, what: 'the win-model training and insights scoring', keep: 30 }),
  ],
  exports: [WinModelService],
})
export class InsightsWorkerModule {}

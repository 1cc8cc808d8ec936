import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { DealBudgetRepository } from '@clockwork/server-deals';
import { QUEUES } from '@clockwork/shared-jobs';
import { ChurnRiskService } from './churn-risk.service';
import { DealHealthService } from './deal-health.service';
import { InsightsController } from './insights.controller';
import { InsightsRepository } from './insights.repository';
import { LeakageService } from './leakage.service';
import { MappingLearningController } from './mapping-learning.controller';
import { MappingLearningRepository } from './mapping-learning.repository';
import { MappingLearningService } from './mapping-learning.service';
import { MappingSuggestionsService } from './mapping-suggestions.service';
import { SuggestionAutoApplyService } from './suggestion-auto-apply.service';
import { WinModelService } from './win-model.service';
import { WinProbabilitiesModule } from './win-probabilities.module';

/** `/insights`: win probabilities of open deals (per-organization models), leakage, churn risk of accounts, deal health signals, mapping suggestions, rule precision, suggested rules and auto-applied suggestions. */
@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.insights }), WinProbabilitiesModule],
  controllers: [InsightsController, MappingLearningController],
  providers: [WinModelService, LeakageService, ChurnRiskService, MappingSuggestionsService, DealHealthService, InsightsRepository, DealBudgetRepository, MappingLearningRepository, MappingLearningService, SuggestionAutoApplyService],
})
export class InsightsModule {}

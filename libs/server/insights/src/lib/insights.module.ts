import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { DealBudgetRepository } from '@clockwork/server-deals';
import { QUEUES } from '@clockwork/shared-jobs';
import { ChurnRiskService } from './churn-risk.service';
import { DealHealthService } from './deal-health.service';
import { InsightsController } from './insights.controller';
import { InsightsRepository } from './insights.repository';
import { LeakageService } from './leakage.service';
import { MappingSuggestionsService } from './mapping-suggestions.service';
import { WinModelService } from './win-model.service';
import { WinProbabilitiesModule } from './win-probabilities.module';

/** `/insights`: win probabilities of open deals (per-organization models), leakage, churn risk of accounts, deal health signals and mapping suggestions. */
@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.insights }), WinProbabilitiesModule],
  controllers: [InsightsController],
  providers: [WinModelService, LeakageService, ChurnRiskService, MappingSuggestionsService, DealHealthService, InsightsRepository, DealBudgetRepository],
})
export class InsightsModule {}

import { Module } from '@nestjs/common';
import { BudgetThresholdsController, DealBudgetsController } from './budgets/deal-budgets.controller';
import { DealBudgetRepository } from './budgets/deal-budget.repository';
import { DealBudgetsService } from './budgets/deal-budgets.service';
import { DealsController } from './deals.controller';
import { DealStageHistoryRepository } from './deal-stage-history.repository';
import { DealTimeRepository } from './deal-time.repository';
import { DealsRepository } from './deals.repository';
import { DealsService } from './deals.service';

@Module({
  controllers: [DealBudgetsController, BudgetThresholdsController, DealsController],
  providers: [DealsService, DealsRepository, DealStageHistoryRepository, DealTimeRepository, DealBudgetsService, DealBudgetRepository],
  exports: [DealsService, DealsRepository, DealStageHistoryRepository],
})
export class DealsModule {}

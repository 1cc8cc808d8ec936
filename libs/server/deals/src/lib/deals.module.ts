import { Module } from '@nestjs/common';
import { CustomFieldsModule } from '@clockwork/server-custom-fields';
import { BudgetThresholdsController, DealBudgetsController } from './budgets/deal-budgets.controller';
import { DealBudgetRepository } from './budgets/deal-budget.repository';
import { DealBudgetsService } from './budgets/deal-budgets.service';
import { DealsController } from './deals.controller';
import { DealStageHistoryRepository } from './deal-stage-history.repository';
import { DealTimeRepository } from './deal-time.repository';
import { DealsRepository } from './deals.repository';
import { DealsService } from './deals.service';
import { PipelinesController } from './pipelines/pipelines.controller';
import { PipelinesRepository } from './pipelines/pipelines.repository';
import { PipelinesService } from './pipelines/pipelines.service';

@Module({
  imports: [CustomFieldsModule],
  controllers: [DealBudgetsController, BudgetThresholdsController, DealsController, PipelinesController],
  providers: [DealsService, DealsRepository, DealStageHistoryRepository, DealTimeRepository, DealBudgetsService, DealBudgetRepository, PipelinesService, PipelinesRepository],
  exports: [DealsService, DealsRepository, DealStageHistoryRepository, PipelinesRepository],
})
export class DealsModule {}

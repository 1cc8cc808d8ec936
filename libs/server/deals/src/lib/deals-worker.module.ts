import { Module } from '@nestjs/common';
import { NotificationWriterModule } from '@clockwork/server-notifications';
import { DealBudgetAlertsService } from './budgets/deal-budget-alerts.service';
import { DealBudgetHandler } from './budgets/deal-budget.handler';
import { DealBudgetRepository } from './budgets/deal-budget.repository';

/** The worker side of deals: budget alerts after time is ingested (DealBudgetHandler). */
@Module({
  imports: [NotificationWriterModule],
  providers: [DealBudgetRepository, DealBudgetAlertsService, DealBudgetHandler],
})
export class DealsWorkerModule {}

import { Global, Module } from '@nestjs/common';
import { DealBudgetRepository } from '@clockwork/server-deals';
import { DealWinProbabilities } from '@clockwork/server-core';
import { InsightsRepository } from './insights.repository';
import { ModelWinProbabilitiesService } from './model-win-probabilities.service';

/** Provides the DealWinProbabilities port to every module of the app (the reports read it); imported by the api and worker modules of insights. */
@Global()
@Module({
  providers: [InsightsRepository, DealBudgetRepository, ModelWinProbabilitiesService, { provide: DealWinProbabilities, useExisting: ModelWinProbabilitiesService }],
  exports: [DealWinProbabilities],
})
export class WinProbabilitiesModule {}

import { Module } from '@nestjs/common';
import { DealsController } from './deals.controller';
import { DealStageHistoryRepository } from './deal-stage-history.repository';
import { DealTimeRepository } from './deal-time.repository';
import { DealsRepository } from './deals.repository';
import { DealsService } from './deals.service';

@Module({
  controllers: [DealsController],
  providers: [DealsService, DealsRepository, DealStageHistoryRepository, DealTimeRepository],
  exports: [DealsService, DealsRepository, DealStageHistoryRepository],
})
export class DealsModule {}

import { Body, Controller, Get, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles, ApiController, ApiRecord } from '@clockwork/server-core';
import { BudgetThresholdsDto, DealBudgetDto, DealBudgetListDto } from '@clockwork/shared-dto';
import { DealBudgetsService } from './deal-budgets.service';

const BURN =
  'Burn from the daily time rollups in the current period (life, or the UTC month): hours are all tracked seconds / 3600; money is the billable value at the hourly rates of each day in the deal currency. percent = used / budget × 100 (1 decimal); projected_exhaustion extrapolates the last 14 days.';

/** Budget burn of deals (registered before DealsController, so `budgets` is not taken for an id). */
@ApiTags('deals')
@Controller('deals')
export class DealBudgetsController {
  constructor(private readonly budgets: DealBudgetsService) {}

  @Get('budgets')
  @Roles('admin', 'manager', 'sales')
  @ApiOperation({ summary: 'Every open deal with a budget and its burn, highest percent first', description: BURN })
  @ApiOkResponse({ type: DealBudgetListDto })
  list(): Promise<DealBudgetListDto> {
    return this.budgets.list();
  }

  @Get(':id/budget')
  @Roles('admin', 'manager', 'sales')
  @ApiOperation({ summary: "A deal's budgets and their burn", description: BURN })
  @ApiRecord(DealBudgetDto)
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<DealBudgetDto> {
    return this.budgets.get(id);
  }
}

/** The organization's budget alert thresholds (percent). */
@ApiController('deals', 'budget-thresholds')
export class BudgetThresholdsController {
  constructor(private readonly budgets: DealBudgetsService) {}

  @Get()
  @Roles('admin', 'manager', 'sales')
  @ApiOkResponse({ type: BudgetThresholdsDto })
  async get(): Promise<BudgetThresholdsDto> {
    return { thresholds: await this.budgets.thresholds() };
  }

  @Put()
  @Roles('admin')
  @ApiOperation({ summary: 'Set the thresholds (1 to 10 ascending percentages, default 50, 80, 100); each fires once per deal, budget and period' })
  @ApiOkResponse({ type: BudgetThresholdsDto })
  put(@Body() dto: BudgetThresholdsDto): Promise<BudgetThresholdsDto> {
    return this.budgets.setThresholds(dto);
  }
}

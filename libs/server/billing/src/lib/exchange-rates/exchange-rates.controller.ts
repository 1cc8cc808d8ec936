import { Body, Controller, Delete, Get, Post, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { listOrCsv, Roles, IdParam, ApiPageOrCsv, ApiDeleted } from '@clockwork/server-core';
import { CreateExchangeRateDto, ErrorResponseDto, ExchangeRateDto, ExchangeRatePageDto, ExchangeRateQueryDto } from '@clockwork/shared-dto';
import type { Response } from 'express';
import { EXCHANGE_RATE_CSV_COLUMNS, ExchangeRatesService } from './exchange-rates.service';

@ApiTags('billing')
@ApiBadRequestResponse({ type: ErrorResponseDto })
@Controller('exchange-rates')
export class ExchangeRatesController {
  constructor(private readonly rates: ExchangeRatesService) {}

  @Get()
  @Roles('admin', 'manager')
  @ApiPageOrCsv(ExchangeRatePageDto)
  list(@Query() query: ExchangeRateQueryDto, @Res({ passthrough: true }) res: Response): Promise<ExchangeRatePageDto | undefined> {
    return listOrCsv(query, res, { fileName: 'exchange-rates.csv', columns: EXCHANGE_RATE_CSV_COLUMNS }, (q) => this.rates.list(q));
  }

  @Post()
  @Roles('admin')
  @ApiCreatedResponse({ type: ExchangeRateDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'A rate of this pair and date is already stored' })
  create(@Body() dto: CreateExchangeRateDto): Promise<ExchangeRateDto> {
    return this.rates.create(dto);
  }

  @Delete(':id')
  @Roles('admin')
  @ApiDeleted()
  remove(@IdParam() id: string): Promise<void> {
    return this.rates.remove(id);
  }
}

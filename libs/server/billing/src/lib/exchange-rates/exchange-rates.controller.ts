import { Body, Query, Res } from '@nestjs/common';
import { ApiConflictResponse } from '@nestjs/swagger';
import { listOrCsv, Roles, IdParam, ApiController, ListRecords, CreateRecord, DeleteRecord } from '@clockwork/server-core';
import { CreateExchangeRateDto, ErrorResponseDto, ExchangeRateDto, ExchangeRatePageDto, ExchangeRateQueryDto } from '@clockwork/shared-dto';
import type { Response } from 'express';
import { EXCHANGE_RATE_CSV_COLUMNS, ExchangeRatesService } from './exchange-rates.service';

@ApiController('billing', 'exchange-rates')
export class ExchangeRatesController {
  constructor(private readonly rates: ExchangeRatesService) {}

  @ListRecords(ExchangeRatePageDto)
  @Roles('admin', 'manager')
  list(@Query() query: ExchangeRateQueryDto, @Res({ passthrough: true }) res: Response): Promise<ExchangeRatePageDto | undefined> {
    return listOrCsv(query, res, { fileName: 'exchange-rates.csv', columns: EXCHANGE_RATE_CSV_COLUMNS }, (q) => this.rates.list(q));
  }

  @CreateRecord(ExchangeRateDto)
  @Roles('admin')
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'A rate of this pair and date is already stored' })
  create(@Body() dto: CreateExchangeRateDto): Promise<ExchangeRateDto> {
    return this.rates.create(dto);
  }

  @DeleteRecord()
  @Roles('admin')
  remove(@IdParam() id: string): Promise<void> {
    return this.rates.remove(id);
  }
}

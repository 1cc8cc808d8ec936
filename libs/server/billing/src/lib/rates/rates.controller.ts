import { Body, Headers, Patch, Query, Res } from '@nestjs/common';
import { ApiConflictResponse, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { listOrCsv, parseIfMatch, Roles, IdParam, ApiRecord, withEtag, ApiController, GetRecord, ListRecords, CreateRecord, DeleteRecord } from '@clockwork/server-core';
import { CreateRateDto, ErrorResponseDto, PatchRateDto, RateDto, RatePageDto, RateQueryDto } from '@clockwork/shared-dto';
import type { Response } from 'express';
import { RATE_CSV_COLUMNS } from './rate.mapper';
import { RatesService } from './rates.service';

@ApiController('billing', 'rates')
export class RatesController {
  constructor(private readonly rates: RatesService) {}

  @ListRecords(RatePageDto)
  @Roles('admin', 'manager')
  list(@Query() query: RateQueryDto, @Res({ passthrough: true }) res: Response): Promise<RatePageDto | undefined> {
    return listOrCsv(query, res, { fileName: 'rates.csv', columns: RATE_CSV_COLUMNS }, (q) => this.rates.list(q));
  }

  @CreateRecord(RateDto)
  @Roles('admin', 'manager')
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'A rate of the same scope applies in an overlapping period' })
  @ApiUnprocessableEntityResponse({ type: ErrorResponseDto, description: 'account_id, deal_id or user_id is not of this organization' })
  create(@Body() dto: CreateRateDto): Promise<RateDto> {
    return this.rates.create(dto);
  }

  @GetRecord(RateDto)
  @Roles('admin', 'manager')
  async get(@IdParam() id: string, @Res({ passthrough: true }) res: Response): Promise<RateDto> {
    return withEtag(res, await this.rates.get(id));
  }

  @Patch(':id')
  @Roles('admin', 'manager')
  @ApiRecord(RateDto, 'Amount, currency and period; invoices already built keep their amounts')
  @ApiConflictResponse({ type: ErrorResponseDto })
  update(@IdParam() id: string, @Body() dto: PatchRateDto, @Headers('if-match') ifMatch?: string): Promise<RateDto> {
    return this.rates.update(id, dto, parseIfMatch(ifMatch));
  }

  @DeleteRecord()
  @Roles('admin', 'manager')
  remove(@IdParam() id: string): Promise<void> {
    return this.rates.remove(id);
  }
}

import { Body, Controller, Delete, Get, Headers, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { listOrCsv, parseIfMatch, Roles, IdParam, ApiPageOrCsv, ApiRecord, ApiDeleted, withEtag } from '@clockwork/server-core';
import { CreateRateDto, ErrorResponseDto, PatchRateDto, RateDto, RatePageDto, RateQueryDto } from '@clockwork/shared-dto';
import type { Response } from 'express';
import { RATE_CSV_COLUMNS } from './rate.mapper';
import { RatesService } from './rates.service';

@ApiTags('billing')
@ApiBadRequestResponse({ type: ErrorResponseDto })
@Controller('rates')
export class RatesController {
  constructor(private readonly rates: RatesService) {}

  @Get()
  @Roles('admin', 'manager')
  @ApiPageOrCsv(RatePageDto)
  list(@Query() query: RateQueryDto, @Res({ passthrough: true }) res: Response): Promise<RatePageDto | undefined> {
    return listOrCsv(query, res, { fileName: 'rates.csv', columns: RATE_CSV_COLUMNS }, (q) => this.rates.list(q));
  }

  @Post()
  @Roles('admin', 'manager')
  @ApiCreatedResponse({ type: RateDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'A rate of the same scope applies in an overlapping period' })
  @ApiUnprocessableEntityResponse({ type: ErrorResponseDto, description: 'account_id, deal_id or user_id is not of this organization' })
  create(@Body() dto: CreateRateDto): Promise<RateDto> {
    return this.rates.create(dto);
  }

  @Get(':id')
  @Roles('admin', 'manager')
  @ApiRecord(RateDto)
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

  @Delete(':id')
  @Roles('admin', 'manager')
  @ApiDeleted()
  remove(@IdParam() id: string): Promise<void> {
    return this.rates.remove(id);
  }
}

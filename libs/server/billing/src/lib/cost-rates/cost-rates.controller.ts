import { Body, Delete, Get, Headers, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Query, Res } from '@nestjs/common';
import { ApiConflictResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { etagOf, listOrCsv, parseIfMatch, Roles, ApiController, ApiRecord, GetRecord, CreateRecord } from '@clockwork/server-core';
import { CostRateDto, CostRatePageDto, CostRateQueryDto, CreateCostRateDto, ErrorResponseDto, PatchCostRateDto } from '@clockwork/shared-dto';
import type { Response } from 'express';
import { COST_RATE_CSV_COLUMNS } from './cost-rate.mapper';
import { CostRatesService } from './cost-rates.service';

@ApiController('billing', 'cost-rates')
export class CostRatesController {
  constructor(private readonly costRates: CostRatesService) {}

  @Get()
  @Roles('admin', 'manager')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: CostRatePageDto })
  list(@Query() query: CostRateQueryDto, @Res({ passthrough: true }) res: Response): Promise<CostRatePageDto | undefined> {
    return listOrCsv(query, res, { fileName: 'cost-rates.csv', columns: COST_RATE_CSV_COLUMNS }, (q) => this.costRates.list(q));
  }

  @CreateRecord(CostRateDto)
  @Roles('admin', 'manager')
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'A cost rate of the same user or role applies in an overlapping period' })
  @ApiUnprocessableEntityResponse({ type: ErrorResponseDto, description: 'user_id is not of this organization' })
  create(@Body() dto: CreateCostRateDto): Promise<CostRateDto> {
    return this.costRates.create(dto);
  }

  @GetRecord(CostRateDto)
  @Roles('admin', 'manager')
  async get(@Param('id', new ParseUUIDPipe()) id: string, @Res({ passthrough: true }) res: Response): Promise<CostRateDto> {
    const rate = await this.costRates.get(id);
    res.setHeader('ETag', etagOf(rate.version));
    return rate;
  }

  @Patch(':id')
  @Roles('admin', 'manager')
  @ApiRecord(CostRateDto)
  @ApiConflictResponse({ type: ErrorResponseDto })
  update(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: PatchCostRateDto, @Headers('if-match') ifMatch?: string): Promise<CostRateDto> {
    return this.costRates.update(id, dto, parseIfMatch(ifMatch));
  }

  @Delete(':id')
  @Roles('admin', 'manager')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  remove(@Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    return this.costRates.remove(id);
  }
}

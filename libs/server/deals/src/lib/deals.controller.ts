import { Body, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiConflictResponse, ApiHeader, ApiOperation, ApiPreconditionFailedResponse, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { parseIfMatch, Roles, listOrCsv, IdParam, ApiRecord, withEtag, ApiController, GetRecord, ListRecords, CreateRecord, PostAction, DeleteRecord, PatchRecord, PutRecord } from '@clockwork/server-core';
import { CloseDealDto, CreateDealDto, DealDto, DealPageDto, DealQueryDto, DealStageHistoryDto, DealTimeDto, ErrorResponseDto, PatchDealDto } from '@clockwork/shared-dto';
import type { Response } from 'express';
import { DEAL_CSV_COLUMNS } from './deal.mapper';
import { DealsService } from './deals.service';

const IF_MATCH = { name: 'If-Match', required: false, description: 'The version you last read; 412 if the deal changed since' };
const UNPROCESSABLE = { type: ErrorResponseDto, description: 'account_id or owner_id is not of this organization' };

@ApiController('deals', 'deals')
export class DealsController {
  constructor(private readonly deals: DealsService) {}

  @ListRecords(DealPageDto)
  @Roles('admin', 'manager', 'sales')
  list(@Query() query: DealQueryDto, @Res({ passthrough: true }) res: Response): Promise<DealPageDto | undefined> {
    return listOrCsv(query, res, { fileName: 'deals.csv', columns: DEAL_CSV_COLUMNS, extra: () => this.deals.customFieldCsvColumns() }, (q) => this.deals.list(q));
  }

  @CreateRecord(DealDto, 'Created in won or lost, the deal is closed at once (closed_at set)')
  @Roles('admin', 'manager', 'sales')
  @ApiUnprocessableEntityResponse(UNPROCESSABLE)
  create(@Body() dto: CreateDealDto): Promise<DealDto> {
    return this.deals.create(dto);
  }

  @GetRecord(DealDto)
  @Roles('admin', 'manager', 'sales')
  async get(@IdParam() id: string, @Res({ passthrough: true }) res: Response): Promise<DealDto> {
    return withEtag(res, await this.deals.get(id));
  }

  @PutRecord(IF_MATCH, DealDto, 'Every field replaced; omitted optional fields become null or their default')
  @Roles('admin', 'manager', 'sales')
  @ApiUnprocessableEntityResponse(UNPROCESSABLE)
  replace(@IdParam() id: string, @Body() dto: CreateDealDto, @Headers('if-match') ifMatch?: string): Promise<DealDto> {
    return this.deals.update(id, dto, true, parseIfMatch(ifMatch));
  }

  @PatchRecord(IF_MATCH, DealDto, 'Only the fields sent are changed; a stage back to an open one reopens a closed deal')
  @Roles('admin', 'manager', 'sales')
  @ApiUnprocessableEntityResponse(UNPROCESSABLE)
  patch(@IdParam() id: string, @Body() dto: PatchDealDto, @Headers('if-match') ifMatch?: string): Promise<DealDto> {
    return this.deals.update(id, dto, false, parseIfMatch(ifMatch));
  }

  @DeleteRecord()
  @Roles('admin', 'manager', 'sales')
  remove(@IdParam() id: string): Promise<void> {
    return this.deals.remove(id);
  }

  @PostAction(':id/close')
  @Roles('admin', 'manager', 'sales')
  @ApiHeader(IF_MATCH)
  @ApiRecord(DealDto, 'The deal, now won or lost, with closed_at and close_reason')
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'The deal is already won or lost' })
  @ApiPreconditionFailedResponse({ type: ErrorResponseDto })
  close(@IdParam() id: string, @Body() dto: CloseDealDto, @Headers('if-match') ifMatch?: string): Promise<DealDto> {
    return this.deals.close(id, dto, parseIfMatch(ifMatch));
  }

  @Get(':id/stage-history')
  @Roles('admin', 'manager', 'sales')
  @ApiRecord(DealStageHistoryDto, 'Oldest first, each with the seconds spent in the stage')
  stageHistory(@IdParam() id: string): Promise<DealStageHistoryDto> {
    return this.deals.stageHistory(id);
  }

  @Get(':id/time')
  @Roles('admin', 'manager', 'sales')
  @ApiOperation({ summary: 'The time logged on the deal by everyone: entries, hours, billable hours (no per-person figures)' })
  @ApiRecord(DealTimeDto)
  time(@IdParam() id: string): Promise<DealTimeDto> {
    return this.deals.timeTotals(id);
  }
}

import { Body, Controller, Delete, Get, Headers, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Put, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPreconditionFailedResponse,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { etagOf, parseIfMatch, Roles, listOrCsv } from '@clockwork/server-core';
import { CloseDealDto, CreateDealDto, DealDto, DealPageDto, DealQueryDto, DealStageHistoryDto, DealTimeDto, ErrorResponseDto, PatchDealDto } from '@clockwork/shared-dto';
import type { Response } from 'express';
import { DEAL_CSV_COLUMNS } from './deal.mapper';
import { DealsService } from './deals.service';

const IF_MATCH = { name: 'If-Match', required: false, description: 'The version you last read; 412 if the deal changed since' };
const UNPROCESSABLE = { type: ErrorResponseDto, description: 'account_id or owner_id is not of this organization' };

@ApiTags('deals')
@ApiBadRequestResponse({ type: ErrorResponseDto })
@Controller('deals')
export class DealsController {
  constructor(private readonly deals: DealsService) {}

  @Get()
  @Roles('admin', 'manager', 'sales')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: DealPageDto })
  list(@Query() query: DealQueryDto, @Res({ passthrough: true }) res: Response): Promise<DealPageDto | undefined> {
    return listOrCsv(query, res, { fileName: 'deals.csv', columns: DEAL_CSV_COLUMNS }, (q) => this.deals.list(q));
  }

  @Post()
  @Roles('admin', 'manager', 'sales')
  @ApiCreatedResponse({ type: DealDto, description: 'Created in won or lost, the deal is closed at once (closed_at set)' })
  @ApiUnprocessableEntityResponse(UNPROCESSABLE)
  create(@Body() dto: CreateDealDto): Promise<DealDto> {
    return this.deals.create(dto);
  }

  @Get(':id')
  @Roles('admin', 'manager', 'sales')
  @ApiOkResponse({ type: DealDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async get(@Param('id', new ParseUUIDPipe()) id: string, @Res({ passthrough: true }) res: Response): Promise<DealDto> {
    const deal = await this.deals.get(id);
    res.setHeader('ETag', etagOf(deal.version));
    return deal;
  }

  @Put(':id')
  @Roles('admin', 'manager', 'sales')
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: DealDto, description: 'Every field replaced; omitted optional fields become null or their default' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiPreconditionFailedResponse({ type: ErrorResponseDto })
  @ApiUnprocessableEntityResponse(UNPROCESSABLE)
  replace(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: CreateDealDto, @Headers('if-match') ifMatch?: string): Promise<DealDto> {
    return this.deals.update(id, dto, true, parseIfMatch(ifMatch));
  }

  @Patch(':id')
  @Roles('admin', 'manager', 'sales')
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: DealDto, description: 'Only the fields sent are changed; a stage back to an open one reopens a closed deal' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiPreconditionFailedResponse({ type: ErrorResponseDto })
  @ApiUnprocessableEntityResponse(UNPROCESSABLE)
  patch(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: PatchDealDto, @Headers('if-match') ifMatch?: string): Promise<DealDto> {
    return this.deals.update(id, dto, false, parseIfMatch(ifMatch));
  }

  @Delete(':id')
  @Roles('admin', 'manager', 'sales')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  remove(@Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    return this.deals.remove(id);
  }

  @Post(':id/close')
  @Roles('admin', 'manager', 'sales')
  @HttpCode(HttpStatus.OK)
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: DealDto, description: 'The deal, now won or lost, with closed_at and close_reason' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'The deal is already won or lost' })
  @ApiPreconditionFailedResponse({ type: ErrorResponseDto })
  close(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: CloseDealDto, @Headers('if-match') ifMatch?: string): Promise<DealDto> {
    return this.deals.close(id, dto, parseIfMatch(ifMatch));
  }

  @Get(':id/stage-history')
  @Roles('admin', 'manager', 'sales')
  @ApiOkResponse({ type: DealStageHistoryDto, description: 'Oldest first, each with the seconds spent in the stage' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  stageHistory(@Param('id', new ParseUUIDPipe()) id: string): Promise<DealStageHistoryDto> {
    return this.deals.stageHistory(id);
  }

  @Get(':id/time')
  @Roles('admin', 'manager', 'sales')
  @ApiOperation({ summary: 'The time logged on the deal by everyone: entries, hours, billable hours (no per-person figures)' })
  @ApiOkResponse({ type: DealTimeDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  time(@Param('id', new ParseUUIDPipe()) id: string): Promise<DealTimeDto> {
    return this.deals.timeTotals(id);
  }
}

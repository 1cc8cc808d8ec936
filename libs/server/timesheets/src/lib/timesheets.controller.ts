import { Body, Get, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import { AnyRole, listOrCsv, UsersOnly, ApiController, GetRecord, PostAction } from '@clockwork/server-core';
import { ErrorResponseDto, RejectTimesheetDto, SubmitTimesheetDto, TimesheetDecisionDto, TimesheetDto, TimesheetPageDto, TimesheetPeriodDto, TimesheetPeriodQueryDto, TimesheetQueryDto } from '@clockwork/shared-dto';
import type { Response } from 'express';
import { TimesheetDecisionsService } from './timesheet-decisions.service';
import { TIMESHEET_CSV_COLUMNS } from './timesheet.mapper';
import { TimesheetsReadService } from './timesheets-read.service';

@ApiController('timesheets', 'timesheets')
export class TimesheetsController {
  constructor(
    private readonly reader: TimesheetsReadService,
    private readonly decisions: TimesheetDecisionsService,
  ) {}

  @Get()
  @AnyRole()
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: TimesheetPageDto, description: 'Newest period first; sales and support: their own only' })
  list(@Query() query: TimesheetQueryDto, @Res({ passthrough: true }) res: Response): Promise<TimesheetPageDto | undefined> {
    return listOrCsv(query, res, { fileName: 'timesheets.csv', columns: TIMESHEET_CSV_COLUMNS }, (q) => this.reader.list(q));
  }

  @Get('period')
  @AnyRole()
  @ApiOkResponse({ type: TimesheetPeriodDto, description: "A person's period as a grid of deal/task rows and day columns, with its timesheet" })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'user_id is not a user the caller may see' })
  period(@Query() query: TimesheetPeriodQueryDto): Promise<TimesheetPeriodDto> {
    return this.reader.period(query);
  }

  @PostAction('submit')
  @UsersOnly('admin', 'manager', 'sales', 'support')
  @ApiOkResponse({ type: TimesheetDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'The period is already submitted or approved, or overlaps one that is' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  submit(@Body() dto: SubmitTimesheetDto): Promise<TimesheetDto> {
    return this.decisions.submit(dto);
  }

  @GetRecord(TimesheetDto)
  @AnyRole()
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<TimesheetDto> {
    return this.reader.get(id);
  }

  @PostAction(':id/approve')
  @UsersOnly('admin', 'manager')
  @ApiOkResponse({ type: TimesheetDto, description: "Locks the period's time entries" })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'The timesheet is not submitted' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  approve(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: TimesheetDecisionDto): Promise<TimesheetDto> {
    return this.decisions.approve(id, dto);
  }

  @PostAction(':id/reject')
  @UsersOnly('admin', 'manager')
  @ApiOkResponse({ type: TimesheetDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'The timesheet is not submitted' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  reject(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: RejectTimesheetDto): Promise<TimesheetDto> {
    return this.decisions.reject(id, dto);
  }

  @PostAction(':id/reopen')
  @UsersOnly('admin')
  @ApiOkResponse({ type: TimesheetDto, description: 'Back to open; an approved period\'s entries are unlocked' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'The timesheet is already open' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  reopen(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: TimesheetDecisionDto): Promise<TimesheetDto> {
    return this.decisions.reopen(id, dto);
  }
}

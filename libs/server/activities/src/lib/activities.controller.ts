import { Body, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Query, Res } from '@nestjs/common';
import { ApiForbiddenResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces } from '@nestjs/swagger';
import { AnyRole, listOrCsv, ApiController, CreateRecord } from '@clockwork/server-core';
import { ActivityDto, ActivityPageDto, ActivityQueryDto, CreateActivityDto, ErrorResponseDto, PatchActivityDto } from '@clockwork/shared-dto';
import type { Response } from 'express';
import { ACTIVITY_CSV_COLUMNS } from './activity.mapper';
import { ActivitiesService } from './activities.service';

const NOT_FOUND = { type: ErrorResponseDto, description: 'The activity (or a record it is linked to) does not exist in your organization, or your role may not read its type' };
const NOT_OWNER = { type: ErrorResponseDto, description: 'Only the owner, admins and managers may change or delete an activity' };

@ApiController('activities', 'activities')
export class ActivitiesController {
  constructor(private readonly activities: ActivitiesService) {}

  @Get()
  @AnyRole()
  @ApiOperation({ summary: 'Calls and meetings you may see, newest first; by record, type and occurred_at range' })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: ActivityPageDto })
  @ApiNotFoundResponse(NOT_FOUND)
  list(@Query() query: ActivityQueryDto, @Res({ passthrough: true }) res: Response): Promise<ActivityPageDto | undefined> {
    return listOrCsv(query, res, { fileName: 'activities.csv', columns: ACTIVITY_CSV_COLUMNS }, (q) => this.activities.list(q));
  }

  @CreateRecord(ActivityDto)
  @AnyRole()
  @ApiOperation({ summary: 'Logs a call or meeting against an account, contact and/or deal (at least one)' })
  @ApiNotFoundResponse(NOT_FOUND)
  create(@Body() dto: CreateActivityDto): Promise<ActivityDto> {
    return this.activities.create(dto);
  }

  @Get(':id')
  @AnyRole()
  @ApiOkResponse({ type: ActivityDto })
  @ApiNotFoundResponse(NOT_FOUND)
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<ActivityDto> {
    return this.activities.get(id);
  }

  @Patch(':id')
  @AnyRole()
  @ApiForbiddenResponse(NOT_OWNER)
  @ApiOkResponse({ type: ActivityDto, description: 'Only the fields sent are changed' })
  @ApiNotFoundResponse(NOT_FOUND)
  patch(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: PatchActivityDto): Promise<ActivityDto> {
    return this.activities.update(id, dto);
  }

  @Delete(':id')
  @AnyRole()
  @ApiForbiddenResponse(NOT_OWNER)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse()
  @ApiNotFoundResponse(NOT_FOUND)
  remove(@Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    return this.activities.remove(id);
  }
}

import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles, IdParam, ApiRecord } from '@clockwork/server-core';
import { ErrorResponseDto, TimelinePageDto, TimelineQueryDto } from '@clockwork/shared-dto';
import { TimelineService } from './timeline.service';

@ApiTags('timeline')
@ApiBadRequestResponse({ type: ErrorResponseDto })
@Controller()
export class TimelineController {
  constructor(private readonly timeline: TimelineService) {}

  @Get('accounts/:id/timeline')
  @Roles('admin', 'manager', 'sales')
  @ApiOperation({ summary: "An account's timeline, newest first: notes on it, its contacts and deals; its deals' tasks and stage changes; its audit entries" })
  @ApiRecord(TimelinePageDto)
  account(@IdParam() id: string, @Query() query: TimelineQueryDto): Promise<TimelinePageDto> {
    return this.timeline.forAccount(id, query);
  }

  @Get('contacts/:id/timeline')
  @Roles('admin', 'manager', 'sales', 'support')
  @ApiOperation({ summary: "A contact's timeline, newest first: notes on it, its audit entries, stage changes of its account's deals (roles that may read deals)" })
  @ApiRecord(TimelinePageDto)
  contact(@IdParam() id: string, @Query() query: TimelineQueryDto): Promise<TimelinePageDto> {
    return this.timeline.forContact(id, query);
  }
}

import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@clockwork/server-core';
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
  @ApiOkResponse({ type: TimelinePageDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  account(@Param('id', new ParseUUIDPipe()) id: string, @Query() query: TimelineQueryDto): Promise<TimelinePageDto> {
    return this.timeline.forAccount(id, query);
  }

  @Get('contacts/:id/timeline')
  @Roles('admin', 'manager', 'sales', 'support')
  @ApiOperation({ summary: "A contact's timeline, newest first: notes on it, its audit entries, stage changes of its account's deals (roles that may read deals)" })
  @ApiOkResponse({ type: TimelinePageDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  contact(@Param('id', new ParseUUIDPipe()) id: string, @Query() query: TimelineQueryDto): Promise<TimelinePageDto> {
    return this.timeline.forContact(id, query);
  }
}

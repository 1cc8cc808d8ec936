import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@clockwork/server-core';
import { ActivityReportDto, ActivityReportQueryDto, ErrorResponseDto } from '@clockwork/shared-dto';
import { ActivitiesService } from './activities.service';

@ApiTags('reports')
@ApiBadRequestResponse({ type: ErrorResponseDto })
@Controller('reports')
export class ActivityReportController {
  constructor(private readonly activities: ActivitiesService) {}

  @Get('activities')
  @Roles('admin', 'manager')
  @ApiOperation({ summary: 'Calls and meetings counted per user, type or outcome in [from, to), with their total minutes' })
  @ApiOkResponse({ type: ActivityReportDto })
  counts(@Query() query: ActivityReportQueryDto): Promise<ActivityReportDto> {
    return this.activities.report(query);
  }
}

import { Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { Roles, ApiController } from '@clockwork/server-core';
import { ActivityReportDto, ActivityReportQueryDto } from '@clockwork/shared-dto';
import { ActivitiesService } from './activities.service';

@ApiController('reports', 'reports')
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

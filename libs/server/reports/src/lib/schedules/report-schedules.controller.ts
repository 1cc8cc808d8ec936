import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Patch } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UsersOnly, IdParam, CreateRecord } from '@clockwork/server-core';
import { CreateReportScheduleDto, ErrorResponseDto, PatchReportScheduleDto, ReportScheduleDto, ReportScheduleListDto } from '@clockwork/shared-dto';
import { ReportSchedulesService } from './report-schedules.service';

const NOT_FOUND = { type: ErrorResponseDto, description: "Unknown, another organization's, or (for a manager) another user's schedule" };

@ApiTags('reports')
@ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Bad fields, each named in details (params.<field> for the report query)' })
@Controller('report-schedules')
export class ReportSchedulesController {
  constructor(private readonly schedules: ReportSchedulesService) {}

  @Get()
  @UsersOnly('admin', 'manager')
  @ApiOperation({ summary: "The caller's scheduled email reports (an admin's: all of the organization)" })
  @ApiOkResponse({ type: ReportScheduleListDto })
  list(): Promise<ReportScheduleListDto> {
    return this.schedules.list();
  }

  @CreateRecord(ReportScheduleDto)
  @UsersOnly('admin', 'manager')
  @ApiOperation({ summary: 'Schedule a report by email: daily, weekly or monthly at an hour of a time zone, as a CSV or PDF attachment' })
  create(@Body() dto: CreateReportScheduleDto): Promise<ReportScheduleDto> {
    return this.schedules.create(dto);
  }

  @Get(':id')
  @UsersOnly('admin', 'manager')
  @ApiOkResponse({ type: ReportScheduleDto })
  @ApiNotFoundResponse(NOT_FOUND)
  get(@IdParam() id: string): Promise<ReportScheduleDto> {
    return this.schedules.get(id);
  }

  @Patch(':id')
  @UsersOnly('admin', 'manager')
  @ApiOperation({ summary: 'Change a schedule; next_run_at is computed again' })
  @ApiOkResponse({ type: ReportScheduleDto })
  @ApiNotFoundResponse(NOT_FOUND)
  patch(@IdParam() id: string, @Body() dto: PatchReportScheduleDto): Promise<ReportScheduleDto> {
    return this.schedules.update(id, dto);
  }

  @Delete(':id')
  @UsersOnly('admin', 'manager')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse()
  @ApiNotFoundResponse(NOT_FOUND)
  remove(@IdParam() id: string): Promise<void> {
    return this.schedules.remove(id);
  }
}

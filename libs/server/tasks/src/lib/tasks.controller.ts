import { Body, Controller, Delete, Get, Headers, HttpCode, HttpStatus, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { parseIfMatch, Roles, listOrCsv, UsersOnly, IdParam, ApiPageOrCsv, ApiRecord, ApiVersionedWrite, ApiDeleted, withEtag } from '@clockwork/server-core';
import { BulkAssignResultDto, BulkAssignTasksDto, CreateTaskDto, ErrorResponseDto, MyTaskQueryDto, PatchTaskDto, TaskDto, TaskPageDto, TaskQueryDto } from '@clockwork/shared-dto';
import type { Response } from 'express';
import { TASK_CSV_COLUMNS } from './task.mapper';
import { TasksService } from './tasks.service';

const IF_MATCH = { name: 'If-Match', required: false, description: 'The version you last read; 412 if the task changed since' };
const EVERY_ROLE = ['admin', 'manager', 'sales', 'support'] as const;

@ApiTags('tasks')
@ApiBadRequestResponse({ type: ErrorResponseDto })
@Controller('tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get()
  @Roles(...EVERY_ROLE)
  @ApiPageOrCsv(TaskPageDto)
  list(@Query() query: TaskQueryDto, @Res({ passthrough: true }) res: Response): Promise<TaskPageDto | undefined> {
    return listOrCsv(query, res, { fileName: 'tasks.csv', columns: TASK_CSV_COLUMNS }, (q) => this.tasks.list(q));
  }

  @Post()
  @Roles(...EVERY_ROLE)
  @ApiCreatedResponse({ type: TaskDto })
  @ApiUnprocessableEntityResponse({ type: ErrorResponseDto, description: 'deal_id or assigned_to is not of this organization' })
  create(@Body() dto: CreateTaskDto): Promise<TaskDto> {
    return this.tasks.create(dto);
  }

  @Get('mine')
  @UsersOnly(...EVERY_ROLE)
  @ApiOperation({ summary: "The caller's assigned tasks" })
  @ApiPageOrCsv(TaskPageDto)
  mine(@Query() query: MyTaskQueryDto, @Res({ passthrough: true }) res: Response): Promise<TaskPageDto | undefined> {
    return listOrCsv(query, res, { fileName: 'my-tasks.csv', columns: TASK_CSV_COLUMNS }, (q) => this.tasks.listMine(q));
  }

  @Post('bulk-assign')
  @Roles('admin', 'manager')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Assign (or unassign) up to 500 tasks at once: all or nothing' })
  @ApiOkResponse({ type: BulkAssignResultDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'Some task_ids are not tasks of this organization (named in details); nothing changed' })
  @ApiUnprocessableEntityResponse({ type: ErrorResponseDto, description: 'assigned_to is not a user of this organization' })
  bulkAssign(@Body() dto: BulkAssignTasksDto): Promise<BulkAssignResultDto> {
    return this.tasks.bulkAssign(dto);
  }

  @Get(':id')
  @Roles(...EVERY_ROLE)
  @ApiRecord(TaskDto)
  async get(@IdParam() id: string, @Res({ passthrough: true }) res: Response): Promise<TaskDto> {
    return withEtag(res, await this.tasks.get(id));
  }

  @Patch(':id')
  @Roles(...EVERY_ROLE)
  @ApiVersionedWrite(IF_MATCH, TaskDto, 'Only the fields sent are changed; completed_at follows status')
  @ApiUnprocessableEntityResponse({ type: ErrorResponseDto, description: 'deal_id or assigned_to is not of this organization' })
  patch(@IdParam() id: string, @Body() dto: PatchTaskDto, @Headers('if-match') ifMatch?: string): Promise<TaskDto> {
    return this.tasks.update(id, dto, parseIfMatch(ifMatch));
  }

  @Delete(':id')
  @Roles(...EVERY_ROLE)
  @ApiDeleted()
  remove(@IdParam() id: string): Promise<void> {
    return this.tasks.remove(id);
  }
}

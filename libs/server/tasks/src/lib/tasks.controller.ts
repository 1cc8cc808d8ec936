import { Body, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { parseIfMatch, Roles, listOrCsv, UsersOnly, IdParam, ApiPageOrCsv, withEtag, ApiController, GetRecord, ListRecords, CreateRecord, PostAction, DeleteRecord, PatchRecord } from '@clockwork/server-core';
import { BulkAssignResultDto, BulkAssignTasksDto, CreateTaskDto, ErrorResponseDto, MyTaskQueryDto, PatchTaskDto, TaskDto, TaskPageDto, TaskQueryDto } from '@clockwork/shared-dto';
import type { Response } from 'express';
import { TASK_CSV_COLUMNS } from './task.mapper';
import { TasksService } from './tasks.service';

const IF_MATCH = { name: 'If-Match', required: false, description: 'The version you last read; 412 if the task changed since' };
const EVERY_ROLE = ['admin', 'manager', 'sales', 'support'] as const;

@ApiController('tasks', 'tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @ListRecords(TaskPageDto)
  @Roles(...EVERY_ROLE)
  list(@Query() query: TaskQueryDto, @Res({ passthrough: true }) res: Response): Promise<TaskPageDto | undefined> {
    return listOrCsv(query, res, { fileName: 'tasks.csv', columns: TASK_CSV_COLUMNS }, (q) => this.tasks.list(q));
  }

  @CreateRecord(TaskDto)
  @Roles(...EVERY_ROLE)
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

  @PostAction('bulk-assign')
  @Roles('admin', 'manager')
  @ApiOperation({ summary: 'Assign (or unassign) up to 500 tasks at once: all or nothing' })
  @ApiOkResponse({ type: BulkAssignResultDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'Some task_ids are not tasks of this organization (named in details); nothing changed' })
  @ApiUnprocessableEntityResponse({ type: ErrorResponseDto, description: 'assigned_to is not a user of this organization' })
  bulkAssign(@Body() dto: BulkAssignTasksDto): Promise<BulkAssignResultDto> {
    return this.tasks.bulkAssign(dto);
  }

  @GetRecord(TaskDto)
  @Roles(...EVERY_ROLE)
  async get(@IdParam() id: string, @Res({ passthrough: true }) res: Response): Promise<TaskDto> {
    return withEtag(res, await this.tasks.get(id));
  }

  @PatchRecord(IF_MATCH, TaskDto, 'Only the fields sent are changed; completed_at follows status')
  @Roles(...EVERY_ROLE)
  @ApiUnprocessableEntityResponse({ type: ErrorResponseDto, description: 'deal_id or assigned_to is not of this organization' })
  patch(@IdParam() id: string, @Body() dto: PatchTaskDto, @Headers('if-match') ifMatch?: string): Promise<TaskDto> {
    return this.tasks.update(id, dto, parseIfMatch(ifMatch));
  }

  @DeleteRecord()
  @Roles(...EVERY_ROLE)
  remove(@IdParam() id: string): Promise<void> {
    return this.tasks.remove(id);
  }
}

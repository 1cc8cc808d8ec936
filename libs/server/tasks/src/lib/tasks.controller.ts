import { Body, Controller, Delete, Get, Headers, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiCreatedResponse, ApiHeader, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiPreconditionFailedResponse, ApiProduces, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { etagOf, parseIfMatch, Roles, listOrCsv, UsersOnly } from '@clockwork/server-core';
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
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: TaskPageDto })
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
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: TaskPageDto })
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
  @ApiOkResponse({ type: TaskDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async get(@Param('id', new ParseUUIDPipe()) id: string, @Res({ passthrough: true }) res: Response): Promise<TaskDto> {
    const task = await this.tasks.get(id);
    res.setHeader('ETag', etagOf(task.version));
    return task;
  }

  @Patch(':id')
  @Roles(...EVERY_ROLE)
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: TaskDto, description: 'Only the fields sent are changed; completed_at follows status' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiPreconditionFailedResponse({ type: ErrorResponseDto })
  @ApiUnprocessableEntityResponse({ type: ErrorResponseDto, description: 'deal_id or assigned_to is not of this organization' })
  patch(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: PatchTaskDto, @Headers('if-match') ifMatch?: string): Promise<TaskDto> {
    return this.tasks.update(id, dto, parseIfMatch(ifMatch));
  }

  @Delete(':id')
  @Roles(...EVERY_ROLE)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  remove(@Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    return this.tasks.remove(id);
  }
}

import { Body, Delete, Get, Headers, HttpCode, HttpStatus, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiRecord, IdParam, parseIfMatch, Roles, ApiController, GetRecord, CreateRecord, DeleteRecord, PatchRecord } from '@clockwork/server-core';
import { AddPipelineStageDto, CreatePipelineDto, DeletePipelineStageQueryDto, ErrorResponseDto, PatchPipelineDto, PatchPipelineStageDto, PipelineDto, PipelineListDto, PipelineStageOrderDto } from '@clockwork/shared-dto';
import { PipelinesService } from './pipelines.service';

const IF_MATCH = { name: 'If-Match', required: false, description: 'The version you last read; 412 if the pipeline changed since' };

/** Pipelines and their stages (docs/pipelines.md): everyone who reads deals reads them, admins change them. */
@ApiController('pipelines', 'pipelines')
export class PipelinesController {
  constructor(private readonly pipelines: PipelinesService) {}

  @Get()
  @Roles('admin', 'manager', 'sales')
  @ApiOperation({ summary: 'Every pipeline with its stages in order (the default first, then by name)' })
  @ApiOkResponse({ type: PipelineListDto })
  list(): Promise<PipelineListDto> {
    return this.pipelines.list();
  }

  @CreateRecord(PipelineDto)
  @Roles('admin')
  @ApiOperation({ summary: 'Creates a pipeline with its stages (at least one open, one won and one lost)' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'A pipeline of that name exists' })
  create(@Body() dto: CreatePipelineDto): Promise<PipelineDto> {
    return this.pipelines.create(dto);
  }

  @GetRecord(PipelineDto)
  @Roles('admin', 'manager', 'sales')
  get(@IdParam() id: string): Promise<PipelineDto> {
    return this.pipelines.get(id);
  }

  @PatchRecord(IF_MATCH, PipelineDto, 'Renames it or makes it the default')
  @Roles('admin')
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'A pipeline of that name exists' })
  patch(@IdParam() id: string, @Body() dto: PatchPipelineDto, @Headers('if-match') ifMatch?: string): Promise<PipelineDto> {
    return this.pipelines.update(id, dto, parseIfMatch(ifMatch));
  }

  @DeleteRecord()
  @Roles('admin')
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'The default pipeline, or one that holds deals (the count is named)' })
  remove(@IdParam() id: string): Promise<void> {
    return this.pipelines.remove(id);
  }

  @Post(':id/stages')
  @Roles('admin')
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: 'Adds a stage at a position (default: after the last open stage)' })
  @ApiCreatedResponse({ type: PipelineDto, description: 'The pipeline with its stages' })
  addStage(@IdParam() id: string, @Body() dto: AddPipelineStageDto): Promise<PipelineDto> {
    return this.pipelines.addStage(id, dto);
  }

  @Patch(':id/stages/:key')
  @Roles('admin')
  @ApiOperation({ summary: "Renames a stage or changes its probability; its kind changes only while no deal is in it" })
  @ApiRecord(PipelineDto, 'The pipeline with its stages')
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'A kind change of a stage that holds deals' })
  patchStage(@IdParam() id: string, @Param('key') key: string, @Body() dto: PatchPipelineStageDto): Promise<PipelineDto> {
    return this.pipelines.patchStage(id, key, dto);
  }

  @Delete(':id/stages/:key')
  @Roles('admin')
  @ApiOperation({ summary: 'Deletes a stage; one that holds deals only with move_to (another stage of the same kind), which moves them first' })
  @ApiRecord(PipelineDto, 'The pipeline with its remaining stages')
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'The stage holds deals and no move_to was given (the count is named), or it is the last stage of its kind' })
  removeStage(@IdParam() id: string, @Param('key') key: string, @Query() query: DeletePipelineStageQueryDto): Promise<PipelineDto> {
    return this.pipelines.removeStage(id, key, query.move_to);
  }

  @Put(':id/stage-order')
  @Roles('admin')
  @ApiOperation({ summary: 'Puts the stages in a new order (every key once)' })
  @ApiRecord(PipelineDto, 'The pipeline with its stages in the new order')
  reorder(@IdParam() id: string, @Body() dto: PipelineStageOrderDto): Promise<PipelineDto> {
    return this.pipelines.reorder(id, dto);
  }
}

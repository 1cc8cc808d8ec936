import { Body, Controller, HttpStatus, Post, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBadRequestResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { IdParam, Roles, GetRecord } from '@clockwork/server-core';
import { BulkEditDto, CreateBulkEditDto, ErrorResponseDto } from '@clockwork/shared-dto';
import type { Response } from 'express';
import { BulkEditsService } from './bulk-edits.service';

@ApiTags('bulk-edits')
@ApiBadRequestResponse({ type: ErrorResponseDto, description: 'A bad field, named (a patch field the kind does not have, a filter key its list does not have, a filter matching none or more than 10,000); nothing changed' })
@Controller('bulk-edits')
export class BulkEditsController {
  constructor(private readonly bulkEdits: BulkEditsService) {}

  @Post()
  @Roles('admin', 'manager', 'sales', 'support')
  @ApiOperation({ summary: 'Changes the owner, deal stage, task status or priority, or contact tags of up to 10,000 records (named or matched by a list filter); up to 500 at once, more by the worker in batches of 500 (each all or nothing)' })
  @ApiOkResponse({ type: BulkEditDto, description: 'Up to 500 records: written (status completed)' })
  @ApiAcceptedResponse({ type: BulkEditDto, description: 'More than 500 records: queued for the worker; follow GET /bulk-edits/{id}' })
  @ApiForbiddenResponse({ type: ErrorResponseDto, description: "The role may not change this kind, or (sales) some selected records are not the caller's own (named); nothing changed" })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'Some selection.ids are not records of this organization (named in details); nothing changed' })
  @ApiUnprocessableEntityResponse({ type: ErrorResponseDto, description: 'owner_id is not a user of this organization' })
  async create(@Body() dto: CreateBulkEditDto, @Res({ passthrough: true }) res: Response): Promise<BulkEditDto> {
    const edit = await this.bulkEdits.create(dto);
    res.status(edit.status === 'completed' ? HttpStatus.OK : HttpStatus.ACCEPTED);
    return edit;
  }

  @GetRecord(BulkEditDto)
  @Roles('admin', 'manager', 'sales', 'support')
  @ApiOperation({ summary: "A bulk edit's progress: done of total, status, and why it failed" })
  get(@IdParam() id: string): Promise<BulkEditDto> {
    return this.bulkEdits.get(id);
  }
}

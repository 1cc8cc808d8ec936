import { Body, Get, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse } from '@nestjs/swagger';
import { Roles, IdParam, ApiRecord, ApiController, PostAction } from '@clockwork/server-core';
import { ErrorResponseDto, ResolveSyncConflictDto, SyncConflictDto, SyncConflictPageDto, SyncConflictQueryDto } from '@clockwork/shared-dto';
import { SyncConflictsService } from './sync-conflicts.service';

@ApiController('sync', 'sync/conflicts')
export class SyncConflictsController {
  constructor(private readonly conflicts: SyncConflictsService) {}

  @Get()
  @Roles('admin', 'manager')
  @ApiOkResponse({ type: SyncConflictPageDto, description: 'Fields both the CRM and the productivity platform changed since the last sync, oldest first' })
  list(@Query() query: SyncConflictQueryDto): Promise<SyncConflictPageDto> {
    return this.conflicts.list(query);
  }

  @PostAction(':id/resolve')
  @Roles('admin', 'manager')
  @ApiRecord(SyncConflictDto, 'The conflict, resolved; the record keeps the chosen value (pushed to the platform when it holds the other)')
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Already resolved' })
  resolve(@IdParam() id: string, @Body() dto: ResolveSyncConflictDto): Promise<SyncConflictDto> {
    return this.conflicts.resolve(id, dto);
  }
}

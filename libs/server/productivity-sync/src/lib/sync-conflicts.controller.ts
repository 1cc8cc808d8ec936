import { Body, Controller, Get, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles, IdParam, ApiRecord } from '@clockwork/server-core';
import { ErrorResponseDto, ResolveSyncConflictDto, SyncConflictDto, SyncConflictPageDto, SyncConflictQueryDto } from '@clockwork/shared-dto';
import { SyncConflictsService } from './sync-conflicts.service';

@ApiTags('sync')
@ApiBadRequestResponse({ type: ErrorResponseDto })
@Controller('sync/conflicts')
export class SyncConflictsController {
  constructor(private readonly conflicts: SyncConflictsService) {}

  @Get()
  @Roles('admin', 'manager')
  @ApiOkResponse({ type: SyncConflictPageDto, description: 'Fields both the CRM and the productivity platform changed since the last sync, oldest first' })
  list(@Query() query: SyncConflictQueryDto): Promise<SyncConflictPageDto> {
    return this.conflicts.list(query);
  }

  @Post(':id/resolve')
  @Roles('admin', 'manager')
  @HttpCode(HttpStatus.OK)
  @ApiRecord(SyncConflictDto, 'The conflict, resolved; the record keeps the chosen value (pushed to the platform when it holds the other)')
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Already resolved' })
  resolve(@IdParam() id: string, @Body() dto: ResolveSyncConflictDto): Promise<SyncConflictDto> {
    return this.conflicts.resolve(id, dto);
  }
}

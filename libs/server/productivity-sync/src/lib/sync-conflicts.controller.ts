import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '@clockwork/server-core';
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
  @ApiOkResponse({ type: SyncConflictDto, description: 'The conflict, resolved; the record keeps the chosen value (pushed to the platform when it holds the other)' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Already resolved' })
  resolve(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: ResolveSyncConflictDto): Promise<SyncConflictDto> {
    return this.conflicts.resolve(id, dto);
  }
}

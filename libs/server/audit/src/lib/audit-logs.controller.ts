import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { decodeCursor, listOrCsv, Roles, toPage } from '@clockwork/server-core';
import { AuditLogDto, AuditLogPageDto, AuditLogQueryDto, ErrorResponseDto } from '@clockwork/shared-dto';
import type { AuditLog } from '@clockwork/shared-entities';
import type { Response } from 'express';
import { AuditLogsRepository } from './audit-logs.repository';

const AUDIT_CSV_COLUMNS = ['id', 'timestamp', 'actor_type', 'actor_id', 'action', 'object_type', 'object_id', 'changes', 'request_id'];

const toDto = (a: AuditLog): AuditLogDto => ({
  id: a.id,
  actor_type: a.actorType,
  actor_id: a.actorId,
  action: a.action,
  object_type: a.objectType,
  object_id: a.objectId,
  changes: a.changes,
  request_id: a.requestId,
  timestamp: a.createdAt.toISOString(),
});

@ApiTags('audit')
@Roles('admin', 'manager')
@Controller('audit-logs')
export class AuditLogsController {
  constructor(private readonly logs: AuditLogsRepository) {}

  @Get()
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: AuditLogPageDto, description: 'Newest first' })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  list(@Query() query: AuditLogQueryDto, @Res({ passthrough: true }) res: Response): Promise<AuditLogPageDto | undefined> {
    return listOrCsv(query, res, { fileName: 'audit-log.csv', columns: AUDIT_CSV_COLUMNS }, (q) => this.page(q));
  }

  private async page(query: AuditLogQueryDto): Promise<AuditLogPageDto> {
    const limit = query.limit ?? 50;
    const filter = { objectType: query.object_type, objectId: query.object_id, actorId: query.actor_id, action: query.action };
    const rows = await this.logs.listPage(filter, limit + 1, query.cursor ? decodeCursor(query.cursor, { cast: 'timestamptz' }) : null);
    return toPage(rows, limit, (a) => ({ value: a.createdAt.toISOString(), id: a.id }), toDto);
  }
}

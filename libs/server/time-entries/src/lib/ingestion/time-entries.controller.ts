import { Body, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiConflictResponse, ApiHeader, ApiOkResponse, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { listOrCsv, parseIfMatch, RequestContext, Roles, IdParam, ApiRecord, withEtag, ApiController, GetRecord, ListRecords, CreateRecord, PostAction, DeleteRecord, PatchRecord } from '@clockwork/server-core';
import { AssignTimeEntryDto, BulkAssignTimeEntriesDto, BulkAssignTimeEntriesResultDto, CreateTimeEntryDto, ErrorResponseDto, PatchTimeEntryDto, TimeEntryBatchDto, TimeEntryBatchResponseDto, TimeEntryCountedDto, TimeEntryDto, TimeEntryPageDto, TimeEntryQueryDto } from '@clockwork/shared-dto';
import type { Response } from 'express';
import { IdempotencyStore, parseIdempotencyKey, requestFingerprint } from './idempotency.store';
import { TimeEntriesService } from './time-entries.service';
import { TimeEntryBatchBody } from './time-entry-batch.pipe';
import { TimeEntryReviewService } from '../review/time-entry-review.service';
import { TIME_ENTRY_CSV_COLUMNS } from '../time-entry.mapper';

const IDEMPOTENCY_KEY = {
  name: 'Idempotency-Key',
  required: false,
  description: 'Retries with the same key and body replay the first response (24 h); another body -> 422; while the first runs -> 409',
};
const IF_MATCH = { name: 'If-Match', required: false, description: 'The version you last read; 412 if the entry changed since' };

@ApiController('time-entries', 'time-entries')
export class TimeEntriesController {
  constructor(
    private readonly timeEntries: TimeEntriesService,
    private readonly review: TimeEntryReviewService,
    private readonly idempotency: IdempotencyStore,
    private readonly context: RequestContext,
  ) {}

  @ListRecords(TimeEntryPageDto)
  @Roles('admin', 'manager', 'sales', 'support')
  list(@Query() query: TimeEntryQueryDto, @Res({ passthrough: true }) res: Response): Promise<TimeEntryPageDto | undefined> {
    return listOrCsv(query, res, { fileName: 'time-entries.csv', columns: TIME_ENTRY_CSV_COLUMNS }, (q) => this.timeEntries.list(q));
  }

  @CreateRecord(TimeEntryDto, 'Stored, with mapping_status and the resolved ids')
  @Roles('admin', 'manager')
  @ApiHeader(IDEMPOTENCY_KEY)
  @ApiOkResponse({ type: TimeEntryDto, description: 'The external_id was stored already: the stored entry (updated when updated_at is newer)' })
  @ApiAcceptedResponse({ type: TimeEntryCountedDto, description: 'A personal entry: counted per person and day, not stored' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'The Idempotency-Key is still in flight' })
  @ApiUnprocessableEntityResponse({ type: ErrorResponseDto, description: 'The Idempotency-Key was used with another body' })
  async create(@Body() dto: CreateTimeEntryDto, @Res({ passthrough: true }) res: Response, @Headers('idempotency-key') key?: string): Promise<unknown> {
    const result = await this.idempotency.run(this.context.organizationId, parseIdempotencyKey(key), () => requestFingerprint('POST /time-entries', dto), () => this.timeEntries.createOne(dto));
    res.status(result.status);
    return result.body;
  }

  @PostAction('batch')
  @Roles('admin', 'manager')
  @ApiHeader(IDEMPOTENCY_KEY)
  @ApiBody({ type: TimeEntryBatchDto })
  @ApiOkResponse({ type: TimeEntryBatchResponseDto, description: 'One result per entry, in order; a bad entry does not stop the others' })
  @ApiConflictResponse({ type: ErrorResponseDto })
  @ApiUnprocessableEntityResponse({ type: ErrorResponseDto })
  async batch(@TimeEntryBatchBody() dto: TimeEntryBatchDto, @Res({ passthrough: true }) res: Response, @Headers('idempotency-key') key?: string): Promise<unknown> {
    const result = await this.idempotency.run(this.context.organizationId, parseIdempotencyKey(key), () => requestFingerprint('POST /time-entries/batch', dto.entries), async () => ({
      status: 200,
      body: await this.timeEntries.createBatch(dto.entries),
    }));
    res.status(result.status);
    return result.body;
  }

  @Get('unmapped')
  @Roles('admin', 'manager')
  @ApiOkResponse({ type: TimeEntryPageDto, description: 'The review queue: entries no rule could map' })
  unmapped(@Query() query: TimeEntryQueryDto): Promise<TimeEntryPageDto> {
    return this.timeEntries.unmapped(query);
  }

  @PostAction('bulk-assign')
  @Roles('admin', 'manager')
  @ApiOkResponse({ type: BulkAssignTimeEntriesResultDto, description: 'Every named entry mapped by hand (mapping_rule manual), all or none' })
  @ApiUnprocessableEntityResponse({ type: ErrorResponseDto, description: 'ids not of this organization (named), deal_id or task_id not of this organization, or the task is of another deal' })
  bulkAssign(@Body() dto: BulkAssignTimeEntriesDto): Promise<BulkAssignTimeEntriesResultDto> {
    return this.review.bulkAssign(dto);
  }

  @GetRecord(TimeEntryDto)
  @Roles('admin', 'manager', 'sales', 'support')
  async get(@IdParam() id: string, @Res({ passthrough: true }) res: Response): Promise<TimeEntryDto> {
    return withEtag(res, await this.timeEntries.get(id));
  }

  @PatchRecord(IF_MATCH, TimeEntryDto)
  @Roles('admin', 'manager')
  patch(@IdParam() id: string, @Body() dto: PatchTimeEntryDto, @Headers('if-match') ifMatch?: string): Promise<TimeEntryDto> {
    return this.timeEntries.update(id, dto, parseIfMatch(ifMatch));
  }

  @DeleteRecord()
  @Roles('admin', 'manager')
  remove(@IdParam() id: string): Promise<void> {
    return this.timeEntries.remove(id);
  }

  @PostAction(':id/assign')
  @Roles('admin', 'manager')
  @ApiRecord(TimeEntryDto, 'Mapped by hand (mapping_rule manual); with create_rule, a mapping rule is created too and the review queue re-mapped in the background')
  @ApiUnprocessableEntityResponse({ type: ErrorResponseDto, description: 'deal_id or task_id is not of this organization, or the task is of another deal' })
  assign(@IdParam() id: string, @Body() dto: AssignTimeEntryDto): Promise<TimeEntryDto> {
    return this.review.assign(id, dto);
  }
}

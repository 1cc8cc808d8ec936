import { Body, Res, StreamableFile, UseGuards } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTooManyRequestsResponse, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Roles, ApiController, PostAction } from '@clockwork/server-core';
import { ErrorResponseDto, GdprEraseDto, GdprEraseResultDto, GdprSubjectDto } from '@clockwork/shared-dto';
import type { Response } from 'express';
import { GdprEraseService } from './erase/gdpr-erase.service';
import { GdprExportService } from './export/gdpr-export.service';
import { GdprThrottleGuard } from './gdpr-throttle.guard';

const THROTTLED = { type: ErrorResponseDto, description: 'More than GDPR_RATE_LIMIT_PER_HOUR requests of this kind this hour; see Retry-After' };

@ApiController('gdpr', 'gdpr')
@ApiTooManyRequestsResponse(THROTTLED)
export class GdprController {
  constructor(
    private readonly exports: GdprExportService,
    private readonly erasures: GdprEraseService,
  ) {}

  @PostAction('export')
  @Roles('admin')
  @UseGuards(GdprThrottleGuard)
  @ApiOperation({ summary: 'Everything about a contact or an employee, as a zip of JSON documents and the attachment files (see docs/privacy.md)' })
  @ApiProduces('application/zip')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' }, description: 'The zip, as a download' })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such contact or employee in this organization' })
  async export(@Body() dto: GdprSubjectDto, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    const { fileName, stream } = await this.exports.export(dto);
    res.setHeader('Cache-Control', 'no-store');
    return new StreamableFile(stream, { type: 'application/zip', disposition: `attachment; filename="${fileName}"` });
  }

  @PostAction('erase')
  @Roles('admin')
  @UseGuards(GdprThrottleGuard)
  @ApiOperation({ summary: "Erases a contact's or an employee's personal data; the audit log keeps a tombstone without it. Erasing again changes nothing" })
  @ApiOkResponse({ type: GdprEraseResultDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such contact or employee in this organization' })
  @ApiUnprocessableEntityResponse({ type: ErrorResponseDto, description: 'An admin cannot erase themself' })
  erase(@Body() dto: GdprEraseDto): Promise<GdprEraseResultDto> {
    return this.erasures.erase(dto);
  }
}

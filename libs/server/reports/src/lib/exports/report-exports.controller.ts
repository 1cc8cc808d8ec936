import { Body, Controller, Get, HttpCode, HttpStatus, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiAcceptedResponse, ApiGoneResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { contentDisposition } from '@clockwork/server-attachments';
import { Public, UsersOnly, IdParam } from '@clockwork/server-core';
import { CreateReportExportDto, ErrorResponseDto, ReportExportDownloadQueryDto, ReportExportDto, ReportExportQueuedDto } from '@clockwork/shared-dto';
import type { Response } from 'express';
import { ReportExportsService } from './report-exports.service';

const NOT_FOUND = { type: ErrorResponseDto, description: "Unknown, another organization's or another user's export" };

@ApiTags('reports')
@Controller('reports/exports')
export class ReportExportsController {
  constructor(private readonly exports: ReportExportsService) {}

  @Post()
  @UsersOnly('admin', 'manager')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Build a report file (CSV or PDF) in the worker; poll GET /reports/exports/{id} for progress and the download link' })
  @ApiAcceptedResponse({ type: ReportExportQueuedDto })
  request(@Body() dto: CreateReportExportDto): Promise<ReportExportQueuedDto> {
    return this.exports.request(dto);
  }

  @Get(':id')
  @UsersOnly('admin', 'manager')
  @ApiOperation({ summary: 'Status and progress (0..100) of an export; when done, a download link that expires (REPORT_EXPORT_LINK_TTL_SECONDS)' })
  @ApiOkResponse({ type: ReportExportDto })
  @ApiNotFoundResponse(NOT_FOUND)
  get(@IdParam() id: string): Promise<ReportExportDto> {
    return this.exports.get(id);
  }

  @Get(':id/download')
  @Public()
  @ApiOperation({ summary: 'The export file, for the holder of a valid download link (no other credentials)' })
  @ApiProduces('text/csv', 'application/pdf')
  @ApiOkResponse({ description: 'The file' })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'Unknown export or a token that is not its link' })
  @ApiGoneResponse({ type: ErrorResponseDto, description: 'The link has expired, or the file has been removed' })
  async download(@IdParam() id: string, @Query() q: ReportExportDownloadQueryDto, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    const { row, body } = await this.exports.download(id, q.token);
    res.setHeader('Content-Type', row.contentType ?? 'application/octet-stream');
    res.setHeader('Content-Disposition', contentDisposition(row.fileName ?? 'report'));
    res.setHeader('Cache-Control', 'private, no-store');
    return new StreamableFile(body);
  }
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsObject, IsOptional, IsString } from 'class-validator';
import { REPORT_FILE_FORMATS, REPORT_NAMES, ReportFileFormat, ReportName } from './reports-schedules.dto';

export const REPORT_EXPORT_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type ReportExportStatusName = (typeof REPORT_EXPORT_STATUSES)[number];

/** `POST /reports/exports`: a report file built by the worker. */
export class CreateReportExportDto {
  @ApiProperty({ enum: REPORT_NAMES })
  @IsIn(REPORT_NAMES, { message: `report must be one of: ${REPORT_NAMES.join(', ')}` })
  report: ReportName;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, example: { date_from: '2026-01-01', date_to: '2026-02-01' }, description: "The report's query without format (or `range`, resolved in UTC)" })
  @IsOptional()
  @IsObject({ message: 'params must be an object' })
  params?: Record<string, unknown>;

  @ApiProperty({ enum: REPORT_FILE_FORMATS })
  @IsIn(REPORT_FILE_FORMATS, { message: 'format must be csv or pdf' })
  format: ReportFileFormat;
}

export class ReportExportQueuedDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['queued'] }) status: 'queued';
}

export class ReportExportDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', description: 'Who asked for it' }) user_id: string;
  @ApiProperty({ enum: REPORT_NAMES }) report: ReportName;
  @ApiProperty({ type: 'object', additionalProperties: true }) params: Record<string, unknown>;
  @ApiProperty({ enum: REPORT_FILE_FORMATS }) format: ReportFileFormat;
  @ApiProperty({ enum: REPORT_EXPORT_STATUSES }) status: ReportExportStatusName;
  @ApiProperty({ minimum: 0, maximum: 100 }) progress: number;
  @ApiProperty({ nullable: true, type: String }) file_name: string | null;
  @ApiProperty({ nullable: true, type: Number }) size_bytes: number | null;
  @ApiProperty({ nullable: true, type: String }) error: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'When done: a link that works without credentials until download_expires_at' })
  download_url: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) download_expires_at: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) completed_at: string | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
}

export class ReportExportDownloadQueryDto {
  @ApiProperty({ description: 'The token of the download link' })
  @IsString({ message: 'token is required' })
  token: string;
}

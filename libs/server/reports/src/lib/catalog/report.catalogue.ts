import { BadRequestException } from '@nestjs/common';
import { csvStream, flattenValidationErrors } from '@clockwork/server-core';
import {
  FieldErrorDto,
  PipelineReportQueryDto,
  RELATIVE_RANGES,
  RelativeRange,
  ReportFileFormat,
  ReportName,
  Role,
  SchedulePauseReason,
  TimeReportFiltersQueryDto,
  TimeReportQueryDto,
} from '@clockwork/shared-dto';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { Readable } from 'node:stream';
import { reportPdf } from '../pdf/report-pdf.builder';
import { pipelineTable, productivityTable, ReportTable, revenueVsHoursTable, timePerClientTable, timePerDealTable, timePerUserTable } from '../report-tables.builder';
import type { ReportsService } from '../reports.service';
import { CalendarDay, resolveRange } from '../schedules/schedule-time.rules';

type QueryClass = new () => object;

/** Every report that can be scheduled or exported: its query DTO and how to run it into a table. */
const CATALOG: Record<ReportName, { query: QueryClass; run: (reports: ReportsService, q: never) => Promise<ReportTable> }> = {
  pipeline: { query: PipelineReportQueryDto, run: async (s, q) => pipelineTable(await s.pipeline(q)) },
  'time-per-deal': { query: TimeReportQueryDto, run: async (s, q) => timePerDealTable(await s.timePerDeal(q)) },
  'time-per-client': { query: TimeReportQueryDto, run: async (s, q) => timePerClientTable(await s.timePerClient(q)) },
  'time-per-user': { query: TimeReportQueryDto, run: async (s, q) => timePerUserTable(await s.timePerUser(q)) },
  'revenue-vs-hours': { query: TimeReportFiltersQueryDto, run: async (s, q) => revenueVsHoursTable(await s.revenueVsHours(q)) },
  productivity: { query: TimeReportQueryDto, run: async (s, q) => productivityTable(await s.productivity(q)) },
};

/**
 * Who may read each report (its GET /reports route): sales reads the pipeline only, because the
 * time, revenue and productivity reports show what each person tracked (docs/permissions.md).
 */
export const REPORT_ROLES: Record<ReportName, readonly Role[]> = {
  pipeline: ['admin', 'manager', 'sales'],
  'time-per-deal': ['admin', 'manager'],
  'time-per-client': ['admin', 'manager'],
  'time-per-user': ['admin', 'manager'],
  'revenue-vs-hours': ['admin', 'manager'],
  productivity: ['admin', 'manager'],
};

/** Who may own report schedules and exports (the /report-schedules and /reports/exports routes). */
export const REPORT_OWNER_ROLES: readonly Role[] = ['admin', 'manager'];

/** The owner of a schedule or export as stored now (null: no longer a user of the organization). */
export interface ReportOwner {
  id: string;
  role: Role;
  is_active: boolean;
}

/**
 * Why a schedule or export may not run as its owner now, or null when it may: the owner must be an
 * active user whose current role may both own scheduled reports and read this report.
 */
export function ownerRefusal(owner: ReportOwner | null, report: ReportName): Exclude<SchedulePauseReason, 'paused_by_user'> | null {
  if (!owner || !owner.is_active) return 'owner_deactivated';
  if (!REPORT_OWNER_ROLES.includes(owner.role) || !REPORT_ROLES[report].includes(owner.role)) return 'owner_role_lost';
  return null;
}

/**
 * Checks a schedule's or export's `params` against the report's own query DTO (the same rules
 * as the GET route), plus `range`; 400 naming each field as `params.<field>`.
 */
export async function validateReportParams(report: ReportName, params: Record<string, unknown> | undefined): Promise<Record<string, unknown>> {
  const { range, format, ...query } = params ?? {};
  const details: FieldErrorDto[] = [];
  if (format !== undefined) details.push({ field: 'params.format', errors: ['params.format is not allowed: the format field chooses the file'] });
  if (range !== undefined && !RELATIVE_RANGES.includes(range as RelativeRange)) {
    details.push({ field: 'params.range', errors: [`params.range must be one of: ${RELATIVE_RANGES.join(', ')}`] });
  } else if (range !== undefined && (query['date_from'] !== undefined || query['date_to'] !== undefined)) {
    details.push({ field: 'params.range', errors: ['params.range cannot be combined with date_from or date_to'] });
  }
  const errors = await validate(plainToInstance(CATALOG[report].query, query), { whitelist: true, forbidNonWhitelisted: true });
  details.push(...flattenValidationErrors(errors, 'params'));
  if (details.length > 0) throw new BadRequestException({ message: `Validation failed: ${details.flatMap((d) => d.errors).join('; ')}`, details });
  return params ?? {};
}

/** The query a run uses: `range` resolved to date_from/date_to from the local day `today`. */
export function queryAt(params: Record<string, unknown>, today: CalendarDay): Record<string, unknown> {
  const { range, ...query } = params;
  return range ? { ...query, ...resolveRange(range as RelativeRange, today) } : query;
}

/** Runs a report (as the caller in the request context) into its export table. */
export function runReport(reports: ReportsService, report: ReportName, query: Record<string, unknown>): Promise<ReportTable> {
  return CATALOG[report].run(reports, plainToInstance(CATALOG[report].query, query) as never);
}

export interface ReportFile {
  fileName: string;
  contentType: string;
  body: Buffer;
}

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** The file of a report table: the same CSV bytes as `?format=csv`, or the PDF. */
export async function reportFile(table: ReportTable, format: ReportFileFormat): Promise<ReportFile> {
  if (format === 'csv') {
    const body = await collect(
      csvStream(
        table.columns.map((c) => c.key),
        (async function* () {
          yield table.rows;
        })(),
      ),
    );
    return { fileName: `${table.fileName}.csv`, contentType: 'text/csv; charset=utf-8', body };
  }
  const doc = reportPdf(table);
  const body = collect(doc);
  doc.end();
  return { fileName: `${table.fileName}.pdf`, contentType: 'application/pdf', body: await body };
}

import { isoOrNull } from '@clockwork/server-core';
import type { ReportScheduleDto } from '@clockwork/shared-dto';
import type { ReportSchedule } from '@clockwork/shared-entities';
import { reportRequestFields } from '../report-request.mapper';

export function toReportScheduleDto(s: ReportSchedule): ReportScheduleDto {
  return {
    ...reportRequestFields(s),
    frequency: s.frequency,
    weekday: s.weekday,
    day_of_month: s.dayOfMonth,
    hour: s.hour,
    timezone: s.timezone,
    recipients: s.recipients,
    format: s.format,
    next_run_at: new Date(s.nextRunAt).toISOString(),
    last_run_at: isoOrNull(s.lastRunAt),
    last_status: s.lastStatus,
    last_error: s.lastError,
    paused: s.pausedAt !== null,
    paused_reason: s.pausedReason,
    paused_at: isoOrNull(s.pausedAt),
    created_at: new Date(s.createdAt).toISOString(),
    updated_at: new Date(s.updatedAt).toISOString(),
  };
}

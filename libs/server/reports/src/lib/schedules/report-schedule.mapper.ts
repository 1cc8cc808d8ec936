import type { ReportName, ReportScheduleDto } from '@clockwork/shared-dto';
import type { ReportSchedule } from '@clockwork/shared-entities';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export function toReportScheduleDto(s: ReportSchedule): ReportScheduleDto {
  return {
    id: s.id,
    user_id: s.userId,
    report: s.report as ReportName,
    params: s.params,
    frequency: s.frequency,
    weekday: s.weekday,
    day_of_month: s.dayOfMonth,
    hour: s.hour,
    timezone: s.timezone,
    recipients: s.recipients,
    format: s.format,
    next_run_at: new Date(s.nextRunAt).toISOString(),
    last_run_at: iso(s.lastRunAt),
    last_status: s.lastStatus,
    last_error: s.lastError,
    paused: s.pausedAt !== null,
    paused_reason: s.pausedReason,
    paused_at: iso(s.pausedAt),
    created_at: new Date(s.createdAt).toISOString(),
    updated_at: new Date(s.updatedAt).toISOString(),
  };
}

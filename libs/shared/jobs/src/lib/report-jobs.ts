/** One report export to build; job id = export id. */
export interface ReportExportJobData {
  organizationId: string;
  exportId: string;
}

export const REPORT_EXPORT_JOB = 'report-export';
/** Repeatable: deletes export files (and rows) older than REPORT_EXPORT_RETENTION_HOURS. */
export const REPORT_EXPORT_CLEANUP_JOB = 'report-export-cleanup';
/** Repeatable: sends the scheduled reports that are due (REPORT_SCHEDULE_TICK_SECONDS). */
export const REPORT_SCHEDULE_TICK_JOB = 'report-schedule-tick';

export * from './lib/timesheets.module';
export * from './lib/timesheet-lock.sql';
export * from './lib/timesheet-period.rules';
export * from './lib/organization-settings.repository';

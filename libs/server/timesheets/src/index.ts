export * from './lib/timesheets.module';
export * from './lib/timesheet-lock.sql';
export * from './lib/timesheet-period';
export * from './lib/organization-settings.repository';

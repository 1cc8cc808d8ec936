// Scheduling: repeatable Bull jobs registered at worker start.
export * from './schedule-every.schedule';
export * from './repeatable-job.schedule';

// Scheduling: repeatable Bull jobs registered at worker start.
export * from './schedule-every';
export * from './repeatable-job.schedule';

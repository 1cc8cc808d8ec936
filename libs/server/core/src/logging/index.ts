// Logging: structured request logs.
export * from './request-log.middleware';

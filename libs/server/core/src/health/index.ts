// Health: the liveness and readiness endpoints.
export * from './health.module';

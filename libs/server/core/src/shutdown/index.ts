// Graceful shutdown: the api finishes its in-flight requests, the worker its active jobs, in SHUTDOWN_GRACE_SECONDS.
export * from './graceful-shutdown.util';
export * from './http-drain.util';
export * from './queue-drain.service';

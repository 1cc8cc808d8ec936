// Redis and queues: the Redis client, Bull queues, queue statistics and the job gate.
export * from './redis.module';
export * from './queue.module';
export * from './queue-stats.service';
export * from './job-gate.guard';
export * from './job-gate.decorators';
export * from './job-failure.util';

/** Bull queue names shared by the api (producers) and the worker (processors). */
export const QUEUES = {
  /** Domain events relayed from the outbox table; job id = outbox event id. */
  domainEvents: 'domain-events',
  /** CSV imports of accounts and contacts; job id = import id. */
  imports: 'imports',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

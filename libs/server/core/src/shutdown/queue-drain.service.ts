import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bull';
import { QUEUES } from '@clockwork/shared-jobs';
import type { Queue } from 'bull';

/**
 * The worker's queues close before the database pools do: when the app closes, after the relays
 * have stopped (their `onModuleDestroy` waits for the running pass), every queue stops taking
 * jobs and waits for its active ones (Bull's `close`); only then does Nest run the shutdown hooks
 * that close PostgreSQL and Redis. Without it the queues and the data source close side by side,
 * and a job still running loses its connection before it records its outcome.
 */
@Injectable()
export class QueueDrain implements BeforeApplicationShutdown {
  private readonly logger = new Logger(QueueDrain.name);

  constructor(private readonly moduleRef: ModuleRef) {}

  async beforeApplicationShutdown(): Promise<void> {
    const queues = Object.values(QUEUES).flatMap((name) => {
      try {
        return [this.moduleRef.get<Queue>(getQueueToken(name), { strict: false })];
      } catch {
        return []; // a queue only the api uses
      }
    });
    this.logger.log(`Closing ${queues.length} queues after their active jobs`);
    await Promise.all(queues.map((q) => q.close()));
  }
}

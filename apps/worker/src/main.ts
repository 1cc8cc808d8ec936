import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bull';
import { closeGracefullyOnSignals, Env, initErrorReporting, Metrics, reportError, startMetricsServer } from '@clockwork/server-core';
import { QUEUES } from '@clockwork/shared-jobs';
import type { Queue } from 'bull';
import { Logger } from 'nestjs-pino';
import { WorkerModule } from './app/worker.module';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  const logger = app.get(Logger);
  app.useLogger(logger);
  await app.init();
  const env = app.get(Env);
  // SIGTERM: the relays stop after their pass, the queues after their active jobs (QueueDrain), then the pools close.
  closeGracefullyOnSignals(app, { graceSeconds: env.SHUTDOWN_GRACE_SECONDS, logger });
  if (env.SENTRY_DSN) {
    initErrorReporting(env.SENTRY_DSN, env.NODE_ENV, 'worker');
    // Failed jobs are reported with their queue and name only (job data may hold personal data).
    for (const name of Object.values(QUEUES)) {
      let queue: Queue;
      try {
        queue = app.get<Queue>(getQueueToken(name), { strict: false });
      } catch {
        continue; // a queue only the api uses
      }
      queue.on('failed', (job, error) => reportError(error, { queue: name, job: job.name }));
    }
  }
  if (env.WORKER_METRICS_PORT > 0) {
    // A second worker on the same host finds the port taken: it keeps working without metrics.
    await startMetricsServer(app.get(Metrics), env.WORKER_METRICS_PORT, env.METRICS_TOKEN, env.WORKER_METRICS_HOST).then(
      (server) => {
        process.once('SIGTERM', () => server.close());
        process.once('SIGINT', () => server.close());
        logger.log(`Worker metrics on ${env.WORKER_METRICS_HOST}:${env.WORKER_METRICS_PORT}/metrics`);
      },
      (error: Error) => logger.warn(`Worker metrics not served: ${error.message}`),
    );
  }
}

bootstrap().catch((e: Error) => {
  console.error(e.message);
  process.exit(1);
});

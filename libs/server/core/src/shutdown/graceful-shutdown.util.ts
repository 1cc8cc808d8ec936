import type { INestApplicationContext, LoggerService } from '@nestjs/common';

export interface GracefulShutdownOptions {
  /** SHUTDOWN_GRACE_SECONDS: the whole drain and close; past it the process exits with code 1. */
  graceSeconds: number;
  logger: LoggerService;
  /** What the app finishes before it closes (the api: its in-flight requests), within `graceMs`. */
  drain?: (graceMs: number) => Promise<string>;
}

/**
 * On SIGTERM or SIGINT: run `drain`, then `app.close()` (the relays stop after their running
 * pass, the worker's queues wait for their active jobs, then the database pools and Redis close),
 * then exit 0. Everything within `graceSeconds`; a process still closing then exits with 1.
 * Replaces Nest's `enableShutdownHooks`, which closes the pools before it stops the HTTP server.
 */
export function closeGracefullyOnSignals(app: INestApplicationContext, options: GracefulShutdownOptions): void {
  const { graceSeconds, logger, drain } = options;
  let started = false;
  const shutdown = async (signal: NodeJS.Signals): Promise<void> => {
    if (started) return;
    started = true;
    const graceMs = graceSeconds * 1000;
    const startedAt = Date.now();
    const deadline = setTimeout(() => {
      logger.error(`Shutdown on ${signal} outlasted SHUTDOWN_GRACE_SECONDS=${graceSeconds}: exiting`);
      process.exit(1);
    }, graceMs);
    deadline.unref();
    logger.log(`${signal}: draining (at most ${graceSeconds} s)`);
    try {
      if (drain) logger.log(await drain(graceMs));
      await app.close();
      logger.log(`Closed ${Date.now() - startedAt} ms after ${signal}`);
      process.exit(0);
    } catch (e) {
      logger.error(`Shutdown failed: ${(e as Error).message}`);
      process.exit(1);
    }
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, (s) => void shutdown(s));
}

import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { closeGracefullyOnSignals, configureHttpApp, Env, trackHttpDrain } from '@clockwork/server-core';
import { AppModule } from './app/app.module';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create(AppModule, { bufferLogs: true });
  configureHttpApp(app);
  const { PORT, SHUTDOWN_GRACE_SECONDS } = app.get(Env);
  // SIGTERM: stop accepting, answer the requests in flight, then close the pools (docs/configuration.md).
  const drainHttp = trackHttpDrain(app.getHttpServer());
  closeGracefullyOnSignals(app, {
    graceSeconds: SHUTDOWN_GRACE_SECONDS,
    logger: new Logger('Shutdown'),
    drain: async (graceMs) => {
      const { finished, cut } = await drainHttp(graceMs);
      return `HTTP drained: ${finished} in-flight requests finished, ${cut} cut`;
    },
  });
  await app.listen(PORT);
}

bootstrap().catch((e: Error) => {
  console.error(e.message);
  process.exit(1);
});

import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { WorkerModule } from '../../../worker/src/app/worker.module';
import { withEnv } from './with-env';

/** The real worker (relay + Bull processors), in this process; `env` overrides for it only. */
export async function createWorkerApp(env: Record<string, string> = {}): Promise<INestApplicationContext> {
  return withEnv(env, async () => {
    const app = await NestFactory.createApplicationContext(WorkerModule, { logger: ['error'], abortOnError: false });
    await app.init();
    return app;
  });
}

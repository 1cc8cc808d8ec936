import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { WorkerModule } from '../../../worker/src/app/worker.module';

/** The real worker (relay + Bull processors), in this process, against the given env. */
export async function createWorkerApp(env: Record<string, string> = {}): Promise<INestApplicationContext> {
  Object.assign(process.env, env);
  const app = await NestFactory.createApplicationContext(WorkerModule, { logger: ['error'], abortOnError: false });
  await app.init();
  return app;
}

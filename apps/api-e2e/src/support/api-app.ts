import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { configureHttpApp } from '@clockwork/server-core';
import { AppModule } from '../../../api/src/app/app.module';
import { withEnv } from './with-env';

/**
 * The real api application, configured exactly as main.ts does, not listening on a port.
 * `env` overrides variables for this app only (read once at boot).
 */
export async function createApiApp(env: Record<string, string> = {}): Promise<INestApplication> {
  return withEnv(env, async () => {
    const app = await NestFactory.create(AppModule, { logger: ['error'], abortOnError: false });
    configureHttpApp(app, { logger: false });
    await app.init();
    return app;
  });
}

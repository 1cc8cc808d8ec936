import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { configureHttpApp, Env } from '@clockwork/server-core';
import { AppModule } from './app/app.module';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create(AppModule, { bufferLogs: true });
  configureHttpApp(app);
  app.enableShutdownHooks();
  const { PORT } = app.get(Env);
  await app.listen(PORT);
}

bootstrap().catch((e: Error) => {
  console.error(e.message);
  process.exit(1);
});

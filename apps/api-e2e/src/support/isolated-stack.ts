import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createApiApp } from './api-app';
import { createMigratedDatabase, dropDatabase } from './test-database';
import { createWorkerApp } from './worker-app';

/** The api and a worker on a migrated database and a Bull key prefix of their own. */
export interface IsolatedStack {
  app: INestApplication;
  worker: INestApplicationContext;
  db: DataSource;
  /** Closes the worker and the api and drops the database. */
  close: () => Promise<void>;
}

/**
 * For a file whose worker must handle its own jobs only (and no other file's worker its jobs):
 * database `ck_e2e_<name>…` and prefix `<QUEUE_PREFIX>-<name>`; `workerEnv` is added for the worker.
 */
export async function startIsolatedStack(name: string, workerEnv: Record<string, string> = {}): Promise<IsolatedStack> {
  const created = await createMigratedDatabase(`ck_e2e_${name}`);
  const started: { close: () => Promise<void> }[] = [];
  const close = async () => {
    for (const target of started.reverse()) await target.close();
    await dropDatabase(created.name);
  };
  try {
    const env = { DATABASE_URL: created.url, QUEUE_PREFIX: `${process.env.QUEUE_PREFIX}-${name}` };
    const app = await createApiApp(env);
    started.push(app);
    const worker = await createWorkerApp({ ...env, ...workerEnv });
    started.push(worker);
    return { app, worker, db: app.get(DataSource), close };
  } catch (error) {
    await close();
    throw error;
  }
}

// The data source the TypeORM CLI uses (`npm run migration:generate|run|revert`): the same
// options as the api and the worker, read from the same validated environment; PostgreSQL
// directly (DATABASE_DIRECT_URL) when DATABASE_URL goes through a pooler.
import 'reflect-metadata';
import { applyEnvFiles, dataSourceOptions, directDatabaseUrl, loadEnv } from '@clockwork/server-core';
import { DataSource } from 'typeorm';

applyEnvFiles();
const env = loadEnv();
export default new DataSource(dataSourceOptions({ ...env, DATABASE_URL: directDatabaseUrl(env) }, 'clockwork-migrations'));

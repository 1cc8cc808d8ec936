// The data source the TypeORM CLI uses (`npm run migration:generate|run|revert`): the same
// options as the api and the worker, read from the same validated environment.
import 'reflect-metadata';
import { applyEnvFiles, dataSourceOptions, loadEnv } from '@clockwork/server-core';
import { DataSource } from 'typeorm';

applyEnvFiles();
export default new DataSource(dataSourceOptions(loadEnv(), 'clockwork-migrations'));

import { ALL_ENTITIES, ALL_MIGRATIONS } from '@clockwork/shared-entities';
import { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy';

export interface DatabaseSettings {
  DATABASE_URL: string;
  DATABASE_POOL_SIZE?: number;
  DATABASE_DIRECT_URL?: string;
}

/** PostgreSQL without a pooler in between: DATABASE_DIRECT_URL, else DATABASE_URL. */
export function directDatabaseUrl(settings: DatabaseSettings): string {
  return settings.DATABASE_DIRECT_URL || settings.DATABASE_URL;
}

/**
 * The one data source definition shared by the api, the worker, the migration CLI and the
 * tests. Schema changes only through migrations: synchronize is never on.
 */
export function dataSourceOptions(settings: DatabaseSettings, applicationName = 'clockwork'): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.DATABASE_URL,
    entities: ALL_ENTITIES,
    migrations: ALL_MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    applicationName,
    extra: { max: settings.DATABASE_POOL_SIZE ?? 10, connectionTimeoutMillis: 5000 },
  };
}

// Database: the TypeORM data source options, naming strategy and SQL text helpers.
export * from './data-source.config';
export * from './snake-naming.strategy';
export * from './sql-text.util';
export * from './read-replicas.store';
export * from './read-replicas.module';
export * from './read-after-write.interceptor';
export * from './replica-lsn.util';
export * from './change-feed.store';
export * from './change-feed.module';
export * from './feed-cache.store';
export * from './prepared-query.util';

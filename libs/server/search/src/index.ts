export * from './lib/search.module';
export * from './lib/search.service';
export * from './lib/search.repository';
export * from './lib/search-snapshots.sql';

export * from './lib/time-mapping.module';
export * from './lib/time-entry.mapper';
export * from './lib/time-mapping.repository';
export * from './lib/time-mapping.types';

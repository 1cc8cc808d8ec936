export * from './lib/imports.module';
export * from './lib/imports-worker.module';
export * from './lib/imports.service';
export * from './lib/import-runner.service';
export * from './lib/import-mapping.rules';
export * from './lib/import-row.validator';
export * from './lib/import.mapper';

export * from './lib/bulk-edits.module';
export * from './lib/bulk-edits.service';
export * from './lib/bulk-edits-worker.module';
export * from './lib/bulk-edit-runner.service';

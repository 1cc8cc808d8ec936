// Housekeeping: one scheduled job runs the clean-ups each domain registers for its own tables.
export * from './chunked-delete.util';
export * from './housekeeping.registry';
export * from './housekeeping.processor';
export * from './housekeeping.module';

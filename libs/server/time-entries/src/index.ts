export * from './lib/time-entries.module';
export * from './lib/time-entry.mapper';
// ingestion
export * from './lib/ingestion/time-entries.service';
export * from './lib/ingestion/time-entries.repository';
export * from './lib/ingestion/time-entry.rules';
export * from './lib/ingestion/idempotency.store';
export * from './lib/ingestion/time-entry-keys.cleanup';
// matching
export * from './lib/matching/deal-matcher.service';
export * from './lib/matching/matching.types';
export * from './lib/matching/rule-matcher.service';
// review
export * from './lib/review/time-entry-review.service';
export * from './lib/review/review-queue-remapper.service';
export * from './lib/review/assignment-targets.rules';
// rules
export * from './lib/rules/mapping-rules.service';
export * from './lib/rules/mapping-rules.repository';
export * from './lib/rules/mapping-rule.mapper';
// worker
export * from './lib/worker/time-entries-worker.module';
export * from './lib/ingestion/time-entry-ingest-snapshots.sql';

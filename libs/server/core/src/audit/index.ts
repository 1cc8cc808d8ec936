// Audit: the audit log writer and field diffs.
export * from './audit-diff';
export * from './audit.writer';

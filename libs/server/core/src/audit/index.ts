// Audit: the audit log writer and field diffs.
export * from './audit-diff.rules';
export * from './audit.writer';

// Tenancy: organization-scoped repositories and If-Match versions.
export * from './tenant.repository';
export * from './if-match.rules';

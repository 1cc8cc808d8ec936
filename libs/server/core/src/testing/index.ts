// Test support for specs only (the `@clockwork/server-core/testing` alias); production code
// never imports it (tsconfig.lib.json leaves it out, and it needs Jest's globals).
export * from './new-test-service.builder';

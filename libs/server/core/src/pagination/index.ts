// Pagination: cursors and keyset queries.
export * from './cursor';
export * from './keyset';

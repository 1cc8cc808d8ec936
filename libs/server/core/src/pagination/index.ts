// Pagination: cursors and keyset queries.
export * from './cursor.util';
export * from './keyset.builder';

// Async: timeouts around promises.
export * from './with-timeout.util';

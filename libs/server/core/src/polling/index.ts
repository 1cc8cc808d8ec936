export * from './polling.relay';

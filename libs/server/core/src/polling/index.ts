export * from './polling.relay';
export * from './leased-batch.builder';

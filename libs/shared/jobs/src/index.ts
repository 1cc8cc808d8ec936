export * from './lib/queue-names';
export * from './lib/domain-event.job';
export * from './lib/import.job';

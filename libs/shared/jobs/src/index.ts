export * from './lib/queue-names';
export * from './lib/domain-event.job';
export * from './lib/import.job';
export * from './lib/time-remap.job';
export * from './lib/webhook-delivery.job';
export * from './lib/report-rollups.job';

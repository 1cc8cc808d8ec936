export * from './lib/timeline.module';
export * from './lib/timeline.service';
export * from './lib/timeline-sources.registry';
export * from './lib/timeline-source.types';

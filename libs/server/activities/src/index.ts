export * from './lib/activities.module';
export * from './lib/activities.service';
export * from './lib/activity.mapper';

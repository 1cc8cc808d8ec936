export * from './lib/saved-views.module';
export * from './lib/saved-views.service';

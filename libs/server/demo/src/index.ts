export * from './lib/demo-data.module';
export * from './lib/demo-data.service';
export * from './lib/demo-data.set';
export * from './lib/demo-script.runner';

export * from './lib/demo-data.module';
export * from './lib/demo-data.service';
export * from './lib/demo-data.fixture';
export * from './lib/demo-script.loader';

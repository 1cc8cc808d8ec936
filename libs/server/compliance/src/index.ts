export * from './lib/compliance.module';
export * from './lib/retention/retention-worker.module';
export * from './lib/retention/retention-runner.service';
export * from './lib/erase/personal-terms.rules';

export * from './lib/sso.module';

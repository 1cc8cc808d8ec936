export * from './lib/onboarding.module';

// Request context: who calls (principal), route access declarations and their verifier.
export * from './access.decorators';
export * from './context.module';
export * from './principal.types';
export * from './request-context.store';
export * from './route-access.validator';

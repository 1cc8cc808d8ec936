// Request context: who calls (principal), route access declarations and their verifier.
export * from './access.decorators';
export * from './context.module';
export * from './principal';
export * from './request-context';
export * from './route-access.verifier';

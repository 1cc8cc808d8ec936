// The platform every server process stands on: one folder per capability, each with its own
// barrel (and module where it has one). Domain rules live in the domain libraries, not here.
export * from './core.module';
export * from './config';
export * from './database';
export * from './redis';
export * from './queue-board';
export * from './auth';
export * from './tenancy';
export * from './audit';
export * from './outbox';
export * from './records';
export * from './polling';
export * from './crypto';
export * from './errors';
export * from './http';
export * from './health';
export * from './logging';
export * from './metrics';
export * from './pagination';
export * from './export';
export * from './async';
export * from './scheduling';
export * from './storage';
export * from './mail';
export * from './housekeeping';
export * from './forecast';
export * from './shutdown';

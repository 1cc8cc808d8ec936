// Configuration: the validated environment (Env) and its module.
export * from './environment';
export * from './env-file';
export * from './config.module';

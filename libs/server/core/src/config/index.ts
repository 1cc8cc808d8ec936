// Configuration: the validated environment (Env) and its module.
export * from './environment.config';
export * from './env-file.parser';
export * from './config.module';

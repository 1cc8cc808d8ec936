export * from './lib/error-response.dto';
export * from './lib/health.dto';
export * from './lib/roles';
export * from './lib/page.dto';
export * from './lib/user.dto';
export * from './lib/auth.dto';
export * from './lib/api-key.dto';
export * from './lib/audit-log.dto';

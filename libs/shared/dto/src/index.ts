export * from './lib/error-response.dto';
export * from './lib/health.dto';

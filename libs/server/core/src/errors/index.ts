// Errors: the HTTP exception filter, validation pipe and error reporting.
export * from './http-exception.filter';
export * from './validation.pipe';
export * from './error-reporting.service';
export * from './fast-dto.validator';

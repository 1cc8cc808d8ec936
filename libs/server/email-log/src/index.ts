export * from './lib/email-log.module';
export * from './lib/email-log-worker.module';
export * from './lib/email-inbox.service';
export * from './lib/email-ingest.service';
export * from './lib/smtp-listener.service';
export * from './lib/logged-email.mapper';
export * from './lib/inbound-email.types';
export * from './lib/mime-email.parser';

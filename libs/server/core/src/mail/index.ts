// Mail: one SMTP transport (SMTP_*) that the domains send their messages through.
export * from './mail.mailer';
export * from './mail.module';

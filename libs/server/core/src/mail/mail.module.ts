import { Module } from '@nestjs/common';
import { Mailer } from './mail.mailer';

/** Mail: the Mailer (one SMTP transport from SMTP_*); import it where a domain sends email. */
@Module({ providers: [Mailer], exports: [Mailer] })
export class MailModule {}

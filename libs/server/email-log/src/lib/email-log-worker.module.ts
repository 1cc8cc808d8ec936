import { Module } from '@nestjs/common';
import { StorageModule } from '@clockwork/server-core';
import { EmailInboxRepository } from './email-inbox.repository';
import { EmailInboxService } from './email-inbox.service';
import { EmailIngestService } from './email-ingest.service';
import { LoggedEmailsRepository } from './logged-emails.repository';
import { SmtpListenerService } from './smtp-listener.service';

/** The worker side of email logging: the inbound SMTP listener (off unless SMTP_LISTEN_PORT is set). */
@Module({
  imports: [StorageModule],
  providers: [EmailInboxService, EmailIngestService, EmailInboxRepository, LoggedEmailsRepository, SmtpListenerService],
  exports: [SmtpListenerService],
})
export class EmailLogWorkerModule {}

import { Module } from '@nestjs/common';
import { InboundMailPrecheck, StorageModule } from '@clockwork/server-core';
import { ParentRecordsModule } from '@clockwork/server-notes';
import { TimelineModule, TimelineSources } from '@clockwork/server-timeline';
import { EmailInboxRepository } from './email-inbox.repository';
import { EmailInboxService } from './email-inbox.service';
import { EmailIngestService } from './email-ingest.service';
import { EmailLogController } from './email-log.controller';
import { EmailReviewService } from './email-review.service';
import { emailSource } from './email-timeline.source';
import { InboundMailBodyPrecheck } from './inbound-mail-precheck.middleware';
import { InboundMailController } from './inbound-mail.controller';
import { LoggedEmailsRepository } from './logged-emails.repository';

@Module({
  imports: [StorageModule, ParentRecordsModule, TimelineModule],
  controllers: [EmailLogController, InboundMailController],
  providers: [EmailInboxService, EmailIngestService, EmailReviewService, EmailInboxRepository, LoggedEmailsRepository, { provide: InboundMailPrecheck, useClass: InboundMailBodyPrecheck }],
  exports: [EmailInboxService, EmailIngestService, InboundMailPrecheck],
})
export class EmailLogModule {
  /** Logged emails show on contact and account timelines. */
  constructor(sources: TimelineSources) {
    sources.register(emailSource);
  }
}

import { Module } from '@nestjs/common';
import { StorageModule } from '@clockwork/server-core';
import { AttachmentsModule } from '@clockwork/server-attachments';
import { TimelineModule } from '@clockwork/server-timeline';
import { PersonalDataScrubber } from './erase/personal-data-scrubber.service';
import { GdprEraseRepository } from './erase/gdpr-erase.repository';
import { GdprEraseService } from './erase/gdpr-erase.service';
import { GdprExportCollector } from './export/gdpr-export.builder';
import { GdprExportService } from './export/gdpr-export.service';
import { GdprSubjectsRepository } from './gdpr-subjects.repository';
import { GdprThrottleGuard } from './gdpr-throttle.guard';
import { GdprController } from './gdpr.controller';
import { RetentionPoliciesController } from './retention/retention-policies.controller';
import { RetentionPoliciesRepository } from './retention/retention-policies.repository';
import { RetentionPoliciesService } from './retention/retention-policies.service';
import { RetentionRepository } from './retention/retention.repository';

/** The api side of compliance: GDPR export and erasure, and retention policies (admins). */
@Module({
  imports: [StorageModule, AttachmentsModule, TimelineModule],
  controllers: [GdprController, RetentionPoliciesController],
  providers: [
    GdprSubjectsRepository,
    GdprExportCollector,
    GdprExportService,
    GdprEraseRepository,
    GdprEraseService,
    PersonalDataScrubber,
    GdprThrottleGuard,
    RetentionPoliciesRepository,
    RetentionPoliciesService,
    RetentionRepository,
  ],
})
export class ComplianceModule {}

import { Module } from '@nestjs/common';
import { NotificationWriterModule } from '@clockwork/server-notifications';
import { OrganizationSettingsController } from './organization-settings.controller';
import { OrganizationSettingsRepository } from './organization-settings.repository';
import { OrganizationSettingsService } from './organization-settings.service';
import { TimesheetDecisionsService } from './timesheet-decisions.service';
import { TimesheetsController } from './timesheets.controller';
import { TimesheetsReadService } from './timesheets-read.service';
import { TimesheetsRepository } from './timesheets.repository';

/** Timesheet approval (`/timesheets`) and the organization's settings (`/organization/settings`). */
@Module({
  imports: [NotificationWriterModule],
  controllers: [TimesheetsController, OrganizationSettingsController],
  providers: [TimesheetsRepository, TimesheetsReadService, TimesheetDecisionsService, OrganizationSettingsRepository, OrganizationSettingsService],
  exports: [OrganizationSettingsRepository],
})
export class TimesheetsModule {}

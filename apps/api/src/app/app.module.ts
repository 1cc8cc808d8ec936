import { Module } from '@nestjs/common';
import { AccountsModule } from '@clockwork/server-accounts';
import { AttachmentsModule } from '@clockwork/server-attachments';
import { AuditModule } from '@clockwork/server-audit';
import { AuthModule } from '@clockwork/server-auth';
import { BillingModule } from '@clockwork/server-billing';
import { TimesheetsModule } from '@clockwork/server-timesheets';
import { ComplianceModule } from '@clockwork/server-compliance';
import { SsoModule } from '@clockwork/server-sso';
import { ContactsModule } from '@clockwork/server-contacts';
import { CoreModule, HealthModule, QueueBoardModule } from '@clockwork/server-core';
import { DealsModule } from '@clockwork/server-deals';
import { ImportsModule } from '@clockwork/server-imports';
import { IntegrationsModule } from '@clockwork/server-integrations';
import { NotesModule } from '@clockwork/server-notes';
import { SavedViewsModule } from '@clockwork/server-saved-views';
import { CustomFieldsModule } from '@clockwork/server-custom-fields';
import { BulkEditsModule } from '@clockwork/server-bulk-edits';
import { ActivitiesModule } from '@clockwork/server-activities';
import { EmailLogModule } from '@clockwork/server-email-log';
import { NotificationsModule } from '@clockwork/server-notifications';
import { ProductivitySyncModule } from '@clockwork/server-productivity-sync';
import { ReportsModule } from '@clockwork/server-reports';
import { SearchModule } from '@clockwork/server-search';
import { OnboardingModule } from '@clockwork/server-onboarding';
import { InsightsModule } from '@clockwork/server-insights';
import { DemoDataModule } from '@clockwork/server-demo';
import { TasksModule } from '@clockwork/server-tasks';
import { TimeEntriesModule } from '@clockwork/server-time-entries';
import { TimelineModule } from '@clockwork/server-timeline';
import { UsersModule } from '@clockwork/server-users';
import { WebhooksModule } from '@clockwork/server-webhooks';

/** Composes the domain modules into the HTTP api. No business rules here. */
@Module({
  imports: [CoreModule.forRoot('api'), HealthModule, AuthModule, UsersModule, AuditModule, AccountsModule, ContactsModule, DealsModule, TasksModule, TimelineModule, SearchModule, NotesModule, AttachmentsModule, ImportsModule, TimeEntriesModule, NotificationsModule, IntegrationsModule, ProductivitySyncModule, ReportsModule, WebhooksModule, QueueBoardModule, BillingModule, ComplianceModule, SsoModule, TimesheetsModule, OnboardingModule, DemoDataModule, SavedViewsModule, ActivitiesModule, InsightsModule, EmailLogModule, CustomFieldsModule, BulkEditsModule],
})
export class AppModule {}

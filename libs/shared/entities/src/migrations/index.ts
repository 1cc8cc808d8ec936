import { TimeEntries1763700700000 } from './1763700700000-time-entries';
import { Auth1763700100000 } from './1763700100000-auth';
import { Foundation1763700000000 } from './1763700000000-foundation';
import { Records1763700200000 } from './1763700200000-records';
import { Search1763700400000 } from './1763700400000-search';
import { ImportChunks1763700600000 } from './1763700600000-import-chunks';
import { MappingRules1763700800000 } from './1763700800000-mapping-rules';
import { Notifications1763700850000 } from './1763700850000-notifications';
import { Integrations1763700900000 } from './1763700900000-integrations';
import { TimeRollups1763701000000 } from './1763701000000-time-rollups';
import { WebhookSubscriptions1763701100000 } from './1763701100000-webhook-subscriptions';
import { Billing1763701200000 } from './1763701200000-billing';
import { Retention1763701300000 } from './1763701300000-retention';
import { EncryptedFields1763701400000 } from './1763701400000-encrypted-fields';
import { IngestionUpkeep1763701500000 } from './1763701500000-ingestion-upkeep';
import { ProductivitySync1763701600000 } from './1763701600000-productivity-sync';
import { Sso1763701800000 } from './1763701800000-sso';
import { ReportSchedules1763701700000 } from './1763701700000-report-schedules';
import { PrincipalChanges1763702200000 } from './1763702200000-principal-changes';
import { AccountLifecycle1763702347000 } from './1763702347000-account-lifecycle';
import { TimeRollupSpans1763701900000 } from './1763701900000-time-rollup-spans';
import { WebhookDeliveryFillfactor1763702000000 } from './1763702000000-webhook-delivery-fillfactor';
import { SsoIdentities1763702417000 } from './1763702417000-sso-identities';
import { ReportSchedulePause1763702300417 } from './1763702300417-report-schedule-pause';
import { SealedEventCopies1763702437000 } from './1763702437000-sealed-event-copies';
import { PersonalDataCopies1763702310417 } from './1763702310417-personal-data-copies';
import { Timesheets1763702500000 } from './1763702500000-timesheets';
import { OnboardingDismissal1763702600000 } from './1763702600000-onboarding-dismissal';
import { CostRates1763702700000 } from './1763702700000-cost-rates';
import { DealBudgets1763702800000 } from './1763702800000-deal-budgets';
import { AccountingSync1763702900000 } from './1763702900000-accounting-sync';
import { SavedViewsActivities1763703000000 } from './1763703000000-saved-views-activities';
import { BillingModels1763703100000 } from './1763703100000-billing-models';
import { CustomFields1763703200000 } from './1763703200000-custom-fields';
import { Pipelines1763703300000 } from './1763703300000-pipelines';
import { BulkEdits1763703400000 } from './1763703400000-bulk-edits';
import { EmailLog1763703500000 } from './1763703500000-email-log';
import { PricedRollups1763703600000 } from './1763703600000-priced-rollups';
import { Insights1763703700000 } from './1763703700000-insights';
import { MappingDecisions1763704100000 } from './1763704100000-mapping-decisions';
import { InsightStates1763704600000 } from './1763704600000-insight-states';
import { MappingLearning1763704700000 } from './1763704700000-mapping-learning';
import { CustomFieldStatistics1763705000000 } from './1763705000000-custom-field-statistics';
import { SearchNearest1763705100000 } from './1763705100000-search-nearest';
import { CustomFieldChanges1763705200000 } from './1763705200000-custom-field-changes';
import { ContactSearchNames1763705300000 } from './1763705300000-contact-search-names';
import { RollupCoveringIndexes1763705400000 } from './1763705400000-rollup-covering-indexes';

/**
 * Every migration, oldest first. Bundled apps cannot glob the folder at run time, so a new
 * migration is added here too (a test fails when a file in this folder is missing).
 */
export const ALL_MIGRATIONS = [Foundation1763700000000, Auth1763700100000, Records1763700200000, Search1763700400000, ImportChunks1763700600000, TimeEntries1763700700000, MappingRules1763700800000, Notifications1763700850000, Integrations1763700900000, TimeRollups1763701000000, WebhookSubscriptions1763701100000, Billing1763701200000, Retention1763701300000, EncryptedFields1763701400000, IngestionUpkeep1763701500000, ProductivitySync1763701600000, Sso1763701800000, ReportSchedules1763701700000, TimeRollupSpans1763701900000, WebhookDeliveryFillfactor1763702000000, PrincipalChanges1763702200000, SsoIdentities1763702417000, ReportSchedulePause1763702300417, AccountLifecycle1763702347000, SealedEventCopies1763702437000, PersonalDataCopies1763702310417, Timesheets1763702500000, OnboardingDismissal1763702600000, CostRates1763702700000, DealBudgets1763702800000, AccountingSync1763702900000, SavedViewsActivities1763703000000, BillingModels1763703100000, CustomFields1763703200000, Pipelines1763703300000, BulkEdits1763703400000, EmailLog1763703500000, PricedRollups1763703600000, Insights1763703700000, MappingDecisions1763704100000, InsightStates1763704600000, MappingLearning1763704700000, CustomFieldStatistics1763705000000, SearchNearest1763705100000, CustomFieldChanges1763705200000, ContactSearchNames1763705300000, RollupCoveringIndexes1763705400000];

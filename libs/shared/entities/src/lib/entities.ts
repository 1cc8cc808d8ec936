import { TimeEntry } from './time-entry.entity';
import { MappingRule } from './mapping-rule.entity';
import { Notification } from './notification.entity';
import { Integration } from './integration.entity';
import { WebhookSubscription } from './webhook-subscription.entity';
import { WebhookDelivery } from './webhook-delivery.entity';
import { WebhookDeliveryAttempt } from './webhook-delivery-attempt.entity';
import { BillingRate } from './billing-rate.entity';
import { ExchangeRate } from './exchange-rate.entity';
import { Invoice } from './invoice.entity';
import { InvoiceLine } from './invoice-line.entity';
import { Account } from './account.entity';
import { Attachment } from './attachment.entity';
import { Deal } from './deal.entity';
import { DealStageHistory } from './deal-stage-history.entity';
import { ImportJob } from './import-job.entity';
import { Note } from './note.entity';
import { Task } from './task.entity';
import { ApiKey } from './api-key.entity';
import { AuditLog } from './audit-log.entity';
import { Contact } from './contact.entity';
import { Organization } from './organization.entity';
import { OutboxEvent } from './outbox-event.entity';
import { RefreshToken } from './refresh-token.entity';
import { User } from './user.entity';

/** Every entity the data source knows; api, worker and the migration CLI share this list. */
export const ALL_ENTITIES = [Organization, OutboxEvent, Account, Contact, User, RefreshToken, ApiKey, AuditLog, Deal, DealStageHistory, Task, Note, Attachment, ImportJob, TimeEntry, MappingRule, Notification, Integration, WebhookSubscription, WebhookDelivery, WebhookDeliveryAttempt, BillingRate, ExchangeRate, Invoice, InvoiceLine];

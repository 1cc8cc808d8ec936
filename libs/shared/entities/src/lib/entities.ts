import { Account } from './account.entity';
import { ApiKey } from './api-key.entity';
import { AuditLog } from './audit-log.entity';
import { Contact } from './contact.entity';
import { Organization } from './organization.entity';
import { OutboxEvent } from './outbox-event.entity';
import { RefreshToken } from './refresh-token.entity';
import { User } from './user.entity';

/** Every entity the data source knows; api, worker and the migration CLI share this list. */
export const ALL_ENTITIES = [Organization, OutboxEvent, Account, Contact, User, RefreshToken, ApiKey, AuditLog];

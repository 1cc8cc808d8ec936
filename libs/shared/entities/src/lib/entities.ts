import { Account } from './account.entity';
import { Contact } from './contact.entity';
import { Organization } from './organization.entity';
import { OutboxEvent } from './outbox-event.entity';

/** Every entity the data source knows; api, worker and the migration CLI share this list. */
export const ALL_ENTITIES = [Organization, OutboxEvent, Account, Contact];

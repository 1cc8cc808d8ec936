import { Injectable } from '@nestjs/common';
import { TenantRepository } from '@clockwork/server-core';
import { EmailInbox } from '@clockwork/shared-entities';
import { EntityManager } from 'typeorm';

/** The organization's inbound address; the token lookups run before any organization is known. */
@Injectable()
export class EmailInboxRepository extends TenantRepository<EmailInbox> {
  constructor() {
    super(EmailInbox, 'Inbound address');
  }

  /** The caller's organization's address, or null before it is first asked for. */
  findOwn(manager?: EntityManager): Promise<EmailInbox | null> {
    return this.repository(manager).findOneBy({ organizationId: this.organizationId });
  }

  /** Locks the caller's organization's row for a rotation (null when there is none yet). */
  lockOwn(manager: EntityManager): Promise<EmailInbox | null> {
    return this.repository(manager).findOne({ where: { organizationId: this.organizationId }, lock: { mode: 'pessimistic_write' } });
  }

  /** Inserts the organization's address unless another request just did (then returns null). */
  async insertOnce(manager: EntityManager, row: { id: string; token: string; signingSecret: string }): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO email_inboxes (organization_id, id, token, signing_secret) VALUES ($1, $2, $3, $4)
       ON CONFLICT (organization_id) DO NOTHING RETURNING id`,
      [this.organizationId, row.id, row.token, row.signingSecret],
    );
    return rows.length > 0;
  }

  /** The address a token belongs to, in whichever organization (the SMTP listener and the webhook find the organization by it). */
  findByToken(token: string): Promise<EmailInbox | null> {
    return this.dataSource.getRepository(EmailInbox).findOneBy({ token });
  }
}

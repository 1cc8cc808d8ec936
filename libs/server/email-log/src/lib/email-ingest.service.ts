import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { attachmentKey, AuditWriter, Env, FileStorage, OutboxWriter, RequestContext } from '@clockwork/server-core';
import type { LoggedEmail } from '@clockwork/shared-entities';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { InboundEmail, IngestResult } from './inbound-email.types';
import { snippetOf, toLoggedEmailSummaryDto } from './logged-email.mapper';
import { EmailLinks, LoggedEmailsRepository } from './logged-emails.repository';

const isUniqueViolation = (e: unknown) => e instanceof QueryFailedError && (e.driverError as { code?: string })?.code === '23505';

/**
 * Logs one received email in the caller's organization (the SMTP listener and the inbound
 * webhook run it as the organization): stored once per Message-ID (a second copy is answered as
 * a duplicate and changes nothing), bodies encrypted, attachments into the platform's storage,
 * matched to the contacts whose email is the sender or a recipient (then their accounts and
 * those accounts' open deals), else left for review. One transaction with its audit row
 * (`logged_email` `create`, actor `system`) and its `email.logged` (and `email.matched`) events.
 */
@Injectable()
export class EmailIngestService {
  private readonly logger = new Logger('EmailIngest');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly emails: LoggedEmailsRepository,
    private readonly storage: FileStorage,
    private readonly audit: AuditWriter,
    private readonly outbox: OutboxWriter,
    private readonly context: RequestContext,
    private readonly env: Env,
  ) {}

  async ingest(email: InboundEmail, source: 'smtp' | 'webhook'): Promise<IngestResult> {
    const known = await this.emails.findByMessageId(email.messageId);
    if (known) return { id: known.id, status: known.status, duplicate: true };
    const stored: string[] = [];
    try {
      return await this.dataSource.transaction((manager) => this.store(manager, email, source, stored));
    } catch (error) {
      await Promise.all(stored.map((key) => this.storage.delete(key).catch(() => undefined)));
      if (!isUniqueViolation(error)) throw error;
      // The same message arrived twice at once: the other copy won.
      const winner = await this.emails.findByMessageId(email.messageId);
      if (!winner) throw error;
      return { id: winner.id, status: winner.status, duplicate: true };
    }
  }

  /** Every address of the email except the organizations' own inbound addresses. */
  participants(email: InboundEmail): string[] {
    const inboundDomain = `@${this.env.INBOUND_MAIL_DOMAIN.toLowerCase()}`;
    const all = [email.from, ...email.to, ...email.cc].map((p) => p.address.trim().toLowerCase());
    return [...new Set(all.filter((a) => a !== '' && !a.endsWith(inboundDomain)))];
  }

  private async store(manager: EntityManager, email: InboundEmail, source: 'smtp' | 'webhook', stored: string[]): Promise<IngestResult> {
    const links = await this.emails.match(manager, this.participants(email));
    const status = links.contactIds.length > 0 ? 'matched' : 'unmatched';
    const row = await this.emails.insert(manager, {
      messageId: email.messageId,
      source,
      status,
      subject: email.subject,
      snippet: snippetOf(email.text, email.html),
      fromAddress: email.from.address,
      fromName: email.from.name,
      toAddresses: email.to,
      ccAddresses: email.cc,
      sentAt: email.sentAt,
      bodyText: email.text,
      bodyHtml: email.html,
    });
    const organizationId = this.context.organizationId;
    for (const file of email.attachments) {
      const id = uuidv7();
      const key = attachmentKey(organizationId, id);
      await this.storage.put(key, file.content, file.contentType, { size: file.content.length });
      stored.push(key);
      await this.emails.insertAttachment(manager, { id, emailId: row.id, fileName: file.fileName, contentType: file.contentType, sizeBytes: file.content.length, storageKey: key });
    }
    const summary = toLoggedEmailSummaryDto(row);
    await this.audit.record(manager, {
      action: 'create',
      objectType: 'logged_email',
      objectId: row.id,
      after: { subject: summary.subject, from: summary.from.address, status, source, message_id: summary.message_id },
      actor: { type: 'system', id: null },
    });
    await this.outbox.record(manager, { organizationId, type: 'email.logged', aggregateType: 'email', aggregateId: row.id, payload: summary as unknown as Record<string, unknown> });
    if (status === 'matched') await this.matched(manager, row, links);
    this.logger.log(`Logged email ${row.id} (${status}, ${email.attachments.length} attachments) via ${source}`);
    return { id: row.id, status, duplicate: false };
  }

  /** Links the email and records `email.matched` (also used when a reviewer assigns it). */
  async matched(manager: EntityManager, row: LoggedEmail, links: EmailLinks): Promise<void> {
    await this.emails.link(manager, row.id, links);
    await this.outbox.record(manager, {
      organizationId: this.context.organizationId,
      type: 'email.matched',
      aggregateType: 'email',
      aggregateId: row.id,
      payload: { id: row.id, contact_ids: links.contactIds, account_ids: links.accountIds, deal_ids: links.dealIds },
    });
  }
}

import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditWriter, FileStorage, OutboxWriter, RequestContext } from '@clockwork/server-core';
import { ParentRecords } from '@clockwork/server-notes';
import type { AssignEmailDto, LoggedEmailDto, LoggedEmailPageDto, LoggedEmailQueryDto, UnmatchedEmailQueryDto } from '@clockwork/shared-dto';
import type { LoggedEmail } from '@clockwork/shared-entities';
import { DataSource } from 'typeorm';
import { EmailIngestService } from './email-ingest.service';
import { toLoggedEmailDto, toLoggedEmailSummaryDto } from './logged-email.mapper';
import { LoggedEmailsRepository } from './logged-emails.repository';

const fieldError = (field: string, message: string) => new BadRequestException({ message: `Validation failed: ${message}`, details: [{ field, errors: [message] }] });

/** Who reviews unmatched mail (it may be anyone's): admins and managers. */
const REVIEWERS = ['admin', 'manager'];

/**
 * Reading logged emails and the review of unmatched ones: a matched email is read by every role
 * (each is linked to a contact, which every role reads; lists by account or deal follow the
 * parent rules of notes); an unmatched one only by reviewers. Assigning links it to a contact,
 * the contact's account and that account's open deals; discarding deletes it and its files.
 */
@Injectable()
export class EmailReviewService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly emails: LoggedEmailsRepository,
    private readonly ingest: EmailIngestService,
    private readonly parents: ParentRecords,
    private readonly storage: FileStorage,
    private readonly audit: AuditWriter,
    private readonly outbox: OutboxWriter,
    private readonly context: RequestContext,
  ) {}

  async list(query: LoggedEmailQueryDto): Promise<LoggedEmailPageDto> {
    if (query.contact_id) await this.parents.assertReadable('contact', query.contact_id);
    if (query.account_id) await this.parents.assertReadable('account', query.account_id);
    if (query.deal_id) await this.parents.assertReadable('deal', query.deal_id);
    return this.emails.list(query, toLoggedEmailSummaryDto);
  }

  unmatched(query: UnmatchedEmailQueryDto): Promise<LoggedEmailPageDto> {
    return this.emails.unmatched(query, toLoggedEmailSummaryDto);
  }

  async get(id: string): Promise<LoggedEmailDto> {
    const email = this.readable(await this.emails.findById(id));
    return toLoggedEmailDto(email, await this.emails.attachmentsOf(id), await this.emails.linksOf(id));
  }

  assign(id: string, dto: AssignEmailDto): Promise<LoggedEmailDto> {
    return this.dataSource.transaction(async (manager) => {
      const email = await this.emails.lockById(manager, id);
      if (email.status !== 'unmatched') throw new ConflictException('This email is already linked to contacts; only unmatched emails are assigned');
      const links = await this.emails.linksOfContact(manager, dto.contact_id);
      if (!links) throw fieldError('contact_id', 'contact_id is not a contact of your organization');
      const after = await this.emails.updateById(manager, id, { status: 'matched' });
      await this.ingest.matched(manager, after, links);
      await this.audit.record(manager, { action: 'assign', objectType: 'logged_email', objectId: id, before: { status: 'unmatched', contact_id: null }, after: { status: 'matched', contact_id: dto.contact_id } });
      return toLoggedEmailDto(after, await this.emails.attachmentsOf(id, manager), await this.emails.linksOf(id, manager));
    });
  }

  async discard(id: string): Promise<void> {
    const keys = await this.dataSource.transaction(async (manager) => {
      const email = await this.emails.lockById(manager, id);
      if (email.status !== 'unmatched') throw new ConflictException('Only unmatched emails are discarded');
      const files = await this.emails.attachmentsOf(id, manager);
      await this.emails.deleteById(manager, id);
      await this.audit.record(manager, { action: 'delete', objectType: 'logged_email', objectId: id, before: { subject: email.subject, from: email.fromAddress, status: email.status } });
      await this.outbox.record(manager, { organizationId: this.context.organizationId, type: 'email.discarded', aggregateType: 'email', aggregateId: id, payload: { id } });
      return files.map((f) => f.storageKey);
    });
    await Promise.all(keys.map((key) => this.storage.delete(key).catch(() => undefined)));
  }

  private readable(email: LoggedEmail | null): LoggedEmail {
    const role = this.context.principal?.role;
    if (!email || (email.status === 'unmatched' && !REVIEWERS.includes(role ?? ''))) throw new NotFoundException('Email not found');
    return email;
  }
}

import { Injectable, Logger, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditWriter, FileStorage, OutboxWriter, RequestContext } from '@clockwork/server-core';
import { StoredFileDeletionsRepository } from '@clockwork/server-attachments';
import type { GdprErasedCountsDto, GdprEraseDto, GdprEraseResultDto } from '@clockwork/shared-dto';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { employeeRef, GdprSubjectsRepository } from '../gdpr-subjects.repository';
import { GdprEraseRepository } from './gdpr-erase.repository';
import { PersonalDataScrubber, ScrubCounts } from './personal-data-scrubber.service';
import { PersonalTerms } from './personal-terms.rules';

const zeroCounts = (): GdprErasedCountsDto => ({
  notes_deleted: 0,
  attachments_deleted: 0,
  time_entries_pseudonymized: 0,
  personal_time_counters_deleted: 0,
  audit_rows_scrubbed: 0,
  events_scrubbed: 0,
  mentions_scrubbed: 0,
});

const addScrub = (counts: GdprErasedCountsDto, s: ScrubCounts) => {
  counts.audit_rows_scrubbed += s.audit;
  counts.events_scrubbed += s.events;
  counts.mentions_scrubbed += s.mentions;
};

/** A value of a deleted contact's copies worth removing inside texts too: a full name, an address, a phone number (a first name alone only as a whole value). */
const mayOccurInText = (v: string) => v.includes(' ') || v.includes('@') || (v.match(/\d/g)?.length ?? 0) >= 6;

interface Outcome {
  result: GdprEraseResultDto;
  /** Stored files to remove once the transaction committed. */
  storageKeys: string[];
}

/**
 * GDPR erasure of a contact or an employee, in one transaction: personal fields removed, the
 * records about them deleted or pseudonymized, every copy of their values in audit diffs, event
 * payloads and other text scrubbed, and one `gdpr.erase` audit row (the tombstone: who erased
 * which id when, no personal data). Erasing again answers 200 and changes nothing.
 */
@Injectable()
export class GdprEraseService {
  private readonly logger = new Logger(GdprEraseService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly subjects: GdprSubjectsRepository,
    private readonly writes: GdprEraseRepository,
    private readonly scrubber: PersonalDataScrubber,
    private readonly storage: FileStorage,
    private readonly deletions: StoredFileDeletionsRepository,
    private readonly audit: AuditWriter,
    private readonly outbox: OutboxWriter,
    private readonly context: RequestContext,
  ) {}

  async erase(dto: GdprEraseDto): Promise<GdprEraseResultDto> {
    const outcome = await this.dataSource.transaction((manager) =>
      dto.subject === 'contact' ? (dto.id !== undefined ? this.eraseContactById(manager, dto) : this.eraseContactsByEmail(manager, dto)) : this.eraseEmployee(manager, dto),
    );
    const removed: string[] = [];
    for (const key of outcome.storageKeys) {
      // The rows are gone and their deletes queued the files' removal (trigger): done here at once,
      // the queued removals are dropped; a failure here is retried by the worker's clean-up.
      await this.storage.delete(key).then(
        () => removed.push(key),
        (e: Error) => this.logger.warn(`Stored file ${key} of an erased attachment could not be removed now (the worker retries): ${e.message}`),
      );
    }
    await this.deletions.forget(this.context.organizationId, removed).catch((e: Error) => this.logger.warn(`Queued file removals could not be dropped: ${e.message}`));
    return outcome.result;
  }

  private async eraseContactById(manager: EntityManager, dto: GdprEraseDto): Promise<Outcome> {
    const id = dto.id as string;
    const earlier = await this.subjects.tombstone(this.context.organizationId, { objectId: id }, manager);
    if (earlier) return { result: this.already(dto, earlier.created_at, [id]), storageKeys: [] };
    const outcome = await this.eraseContact(manager, dto, id);
    if (!outcome) throw new NotFoundException('Contact not found');
    return outcome;
  }

  /**
   * Every contact with this address (blind index): live ones and deleted ones whose copies are
   * still kept. The tombstones carry the address's blind index (`email_ref`), so asking again
   * answers already_erased.
   */
  private async eraseContactsByEmail(manager: EntityManager, dto: GdprEraseDto): Promise<Outcome> {
    const organizationId = this.context.organizationId;
    const email = dto.email as string;
    const emailRef = this.subjects.emailIndex(organizationId, email);
    const ids = await this.subjects.contactIdsByEmail(organizationId, email, manager);
    const outcomes: Outcome[] = [];
    for (const id of ids) {
      if (await this.subjects.tombstone(organizationId, { objectId: id }, manager)) continue;
      const outcome = await this.eraseContact(manager, dto, id, emailRef);
      if (outcome) outcomes.push(outcome);
    }
    if (outcomes.length === 0) {
      const earlier = await this.subjects.tombstone(organizationId, { emailRef }, manager);
      if (earlier) return { result: this.already(dto, earlier.created_at, []), storageKeys: [] };
      throw new NotFoundException({ message: 'email: no contact with this address in this organization', details: [{ field: 'email', errors: ['no contact with this address'] }] });
    }
    const counts = zeroCounts();
    for (const o of outcomes) for (const k of Object.keys(counts) as (keyof GdprErasedCountsDto)[]) counts[k] += o.result.counts[k];
    return {
      result: { subject: 'contact', id: email, contact_ids: outcomes.flatMap((o) => o.result.contact_ids ?? []), already_erased: false, erased_at: outcomes[0].result.erased_at, counts },
      storageKeys: outcomes.flatMap((o) => o.storageKeys),
    };
  }

  /** Erases one contact, live or deleted (then from what its delete kept and its copies); null when nothing about it exists. */
  private async eraseContact(manager: EntityManager, dto: GdprEraseDto, id: string, emailRef?: string): Promise<Outcome | null> {
    const organizationId = this.context.organizationId;
    const contact = await this.subjects.findContact(organizationId, id, manager, true);
    if (!contact) return this.eraseDeletedContact(manager, dto, id, emailRef);

    const notes = await this.subjects.contactNotes(organizationId, contact.id, manager);
    const attachments = await this.subjects.contactAttachments(organizationId, contact.id, manager);
    const fullName = [contact.firstName, contact.lastName].filter(Boolean).join(' ');
    const terms = new PersonalTerms([fullName, contact.email, contact.phone, ...notes.map((n) => n.body).filter((b) => b.length >= 12)], [contact.firstName, contact.lastName, contact.jobTitle]);

    const counts = zeroCounts();
    counts.notes_deleted = await this.writes.deleteContactNotes(manager, organizationId, contact.id);
    counts.attachments_deleted = await this.writes.deleteContactAttachments(manager, organizationId, contact.id);
    await this.writes.anonymizeContact(manager, organizationId, contact.id);
    addScrub(counts, await this.scrubber.scrubRecords(manager, organizationId, [contact.id, ...notes.map((n) => n.id), ...attachments.map((a) => a.id)]));
    addScrub(counts, await this.scrubber.scrubTerms(manager, organizationId, terms));

    // A contact deleted and created again under the same id is not possible, but a trace of an earlier delete is dropped all the same.
    await this.subjects.deleteDeletedContact(manager, organizationId, contact.id);

    const erasedAt = await this.tombstone(manager, dto, terms, counts, { objectType: 'contact', objectId: contact.id }, undefined, emailRef);
    await this.outbox.record(manager, { organizationId, type: 'contact.erased', aggregateType: 'contact', aggregateId: contact.id, payload: { id: contact.id, erased_at: erasedAt } });
    return { result: { subject: 'contact', id: dto.id ?? (dto.email as string), contact_ids: [contact.id], already_erased: false, erased_at: erasedAt, counts }, storageKeys: attachments.map((a) => a.storageKey) };
  }

  /**
   * A contact deleted by an ordinary DELETE: its notes and attachments went with it, but copies
   * remain (events and their webhook deliveries, audit rows, mentions). Its personal values come
   * from what the delete kept (deleted_contacts, encrypted) and from the copies themselves.
   */
  private async eraseDeletedContact(manager: EntityManager, dto: GdprEraseDto, id: string, emailRef?: string): Promise<Outcome | null> {
    const organizationId = this.context.organizationId;
    const trace = await this.subjects.deletedContact(organizationId, id, manager);
    if (!trace && !(await this.subjects.contactCopiesExist(organizationId, id, manager))) return null;
    const fromCopies = await this.subjects.contactValuesFromCopies(organizationId, id, manager);
    const terms = new PersonalTerms([trace?.fullName, trace?.email, trace?.phone, dto.email, ...fromCopies.filter(mayOccurInText)], fromCopies);
    const children = await this.subjects.formerChildIds(organizationId, id, manager);

    const counts = zeroCounts();
    addScrub(counts, await this.scrubber.scrubRecords(manager, organizationId, [id, ...children]));
    addScrub(counts, await this.scrubber.scrubTerms(manager, organizationId, terms));
    await this.subjects.deleteDeletedContact(manager, organizationId, id);

    const erasedAt = await this.tombstone(manager, dto, terms, counts, { objectType: 'contact', objectId: id }, undefined, emailRef);
    await this.outbox.record(manager, { organizationId, type: 'contact.erased', aggregateType: 'contact', aggregateId: id, payload: { id, erased_at: erasedAt } });
    return { result: { subject: 'contact', id: dto.id ?? (dto.email as string), contact_ids: [id], already_erased: false, erased_at: erasedAt, counts }, storageKeys: [] };
  }

  private async eraseEmployee(manager: EntityManager, dto: GdprEraseDto): Promise<Outcome> {
    const organizationId = this.context.organizationId;
    const askedId = dto.id as string;
    const subject = await this.subjects.findEmployee(organizationId, askedId, manager);
    // Two erasures of one user run one after the other: the second then finds the first's tombstone.
    if (subject?.user) await this.writes.lockUser(manager, organizationId, subject.user.id);
    // A user stays (anonymized) after its erasure; a bare employee id leaves nothing behind but the tombstone.
    const earlier = subject?.user
      ? await this.subjects.tombstone(organizationId, { objectId: subject.user.id }, manager)
      : subject
        ? null
        : await this.subjects.tombstone(organizationId, { employeeId: askedId }, manager);
    if (earlier) return { result: this.already(dto, earlier.created_at), storageKeys: [] };
    if (!subject) throw new NotFoundException('Employee not found');
    const { user, employeeId } = subject;
    if (user && user.id === this.context.principal?.id) {
      throw new UnprocessableEntityException({ message: 'id: you cannot erase yourself', details: [{ field: 'id', errors: ['you cannot erase yourself'] }] });
    }
    const terms = new PersonalTerms([user?.name, user?.email], [employeeId]);

    const counts = zeroCounts();
    if (employeeId) counts.time_entries_pseudonymized = await this.writes.pseudonymizeEmployee(manager, organizationId, employeeId, `erased-${randomUUID()}`);
    counts.personal_time_counters_deleted = await this.writes.deletePersonalTimeCounters(manager, organizationId, user?.id ?? null, employeeId);
    if (user) {
      await this.writes.anonymizeUser(manager, organizationId, user.id);
      addScrub(counts, await this.scrubber.scrubRecords(manager, organizationId, [user.id]));
    }
    addScrub(counts, await this.scrubber.scrubTerms(manager, organizationId, terms));

    const target = user ? { objectType: 'user', objectId: user.id } : { objectType: 'employee', objectId: null };
    const erasedAt = await this.tombstone(manager, dto, terms, counts, target, employeeId ? employeeRef(organizationId, employeeId) : undefined);
    return { result: { subject: 'employee', id: askedId, already_erased: false, erased_at: erasedAt, counts }, storageKeys: [] };
  }

  /** The erasure's audit row: who (the actor), which record, when, why; no personal values. */
  private async tombstone(
    manager: EntityManager,
    dto: GdprEraseDto,
    terms: PersonalTerms,
    counts: GdprErasedCountsDto,
    target: { objectType: string; objectId: string | null },
    ref?: string,
    emailRef?: string,
  ): Promise<string> {
    const reason = dto.reason ? terms.scrubText(dto.reason) : null;
    await this.audit.record(manager, {
      action: 'gdpr.erase',
      objectType: target.objectType,
      objectId: target.objectId,
      details: { subject: dto.subject, reason, ...(ref ? { employee_ref: ref } : {}), ...(emailRef ? { email_ref: emailRef } : {}), counts },
    });
    return (await this.writes.transactionTime(manager)).toISOString();
  }

  private already(dto: GdprEraseDto, at: Date, contactIds?: string[]): GdprEraseResultDto {
    return {
      subject: dto.subject,
      id: dto.id ?? (dto.email as string),
      ...(contactIds ? { contact_ids: contactIds } : {}),
      already_erased: true,
      erased_at: new Date(at).toISOString(),
      counts: zeroCounts(),
    };
  }
}

import { Injectable, Logger, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditWriter, OutboxWriter, RequestContext } from '@clockwork/server-core';
import { FileStorage } from '@clockwork/server-attachments';
import type { GdprErasedCountsDto, GdprEraseDto, GdprEraseResultDto } from '@clockwork/shared-dto';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { employeeRef, GdprSubjectsRepository } from '../gdpr-subjects.repository';
import { GdprEraseRepository } from './gdpr-erase.repository';
import { PersonalDataScrubber, ScrubCounts } from './personal-data.scrubber';
import { PersonalTerms } from './personal-terms';

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
    private readonly audit: AuditWriter,
    private readonly outbox: OutboxWriter,
    private readonly context: RequestContext,
  ) {}

  async erase(dto: GdprEraseDto): Promise<GdprEraseResultDto> {
    const outcome = await this.dataSource.transaction((manager) => (dto.subject === 'contact' ? this.eraseContact(manager, dto) : this.eraseEmployee(manager, dto)));
    for (const key of outcome.storageKeys) {
      // The rows are gone; a file left behind by a failure here is unreferenced bytes, logged for clean-up.
      await this.storage.delete(key).catch((e: Error) => this.logger.error(`Stored file ${key} of an erased attachment could not be removed: ${e.message}`));
    }
    return outcome.result;
  }

  private async eraseContact(manager: EntityManager, dto: GdprEraseDto): Promise<Outcome> {
    const organizationId = this.context.organizationId;
    const contact = await this.subjects.findContact(organizationId, dto.id, manager, true);
    if (!contact) throw new NotFoundException('Contact not found');
    const earlier = await this.subjects.tombstone(organizationId, { objectId: contact.id }, manager);
    if (earlier) return { result: this.already(dto, earlier.created_at), storageKeys: [] };

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

    const erasedAt = await this.tombstone(manager, dto, terms, counts, { objectType: 'contact', objectId: contact.id });
    await this.outbox.record(manager, { organizationId, type: 'contact.erased', aggregateType: 'contact', aggregateId: contact.id, payload: { id: contact.id, erased_at: erasedAt } });
    return { result: { subject: 'contact', id: dto.id, already_erased: false, erased_at: erasedAt, counts }, storageKeys: attachments.map((a) => a.storageKey) };
  }

  private async eraseEmployee(manager: EntityManager, dto: GdprEraseDto): Promise<Outcome> {
    const organizationId = this.context.organizationId;
    const subject = await this.subjects.findEmployee(organizationId, dto.id, manager);
    // Two erasures of one user run one after the other: the second then finds the first's tombstone.
    if (subject?.user) await this.writes.lockUser(manager, organizationId, subject.user.id);
    // A user stays (anonymized) after its erasure; a bare employee id leaves nothing behind but the tombstone.
    const earlier = subject?.user
      ? await this.subjects.tombstone(organizationId, { objectId: subject.user.id }, manager)
      : subject
        ? null
        : await this.subjects.tombstone(organizationId, { employeeId: dto.id }, manager);
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
    return { result: { subject: 'employee', id: dto.id, already_erased: false, erased_at: erasedAt, counts }, storageKeys: [] };
  }

  /** The erasure's audit row: who (the actor), which record, when, why; no personal values. */
  private async tombstone(
    manager: EntityManager,
    dto: GdprEraseDto,
    terms: PersonalTerms,
    counts: GdprErasedCountsDto,
    target: { objectType: string; objectId: string | null },
    ref?: string,
  ): Promise<string> {
    const reason = dto.reason ? terms.scrubText(dto.reason) : null;
    await this.audit.record(manager, {
      action: 'gdpr.erase',
      objectType: target.objectType,
      objectId: target.objectId,
      details: { subject: dto.subject, reason, ...(ref ? { employee_ref: ref } : {}), counts },
    });
    return (await this.writes.transactionTime(manager)).toISOString();
  }

  private already(dto: GdprEraseDto, at: Date): GdprEraseResultDto {
    return { subject: dto.subject, id: dto.id, already_erased: true, erased_at: new Date(at).toISOString(), counts: zeroCounts() };
  }
}

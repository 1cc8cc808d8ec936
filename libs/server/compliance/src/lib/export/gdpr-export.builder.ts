import { Injectable, NotFoundException } from '@nestjs/common';
import { toAttachmentDto } from '@clockwork/server-attachments';
import { toContactDto } from '@clockwork/server-contacts';
import { toNoteDto } from '@clockwork/server-notes';
import { TimelineService } from '@clockwork/server-timeline';
import type { TimelineItemDto } from '@clockwork/shared-dto';
import { Attachment, Note, User } from '@clockwork/shared-entities';
import { EntityManager } from 'typeorm';
import { likeAnywhere } from '../erase/personal-terms.rules';
import { employeeRef, GdprSubjectsRepository } from '../gdpr-subjects.repository';

/** A stored file to put in the archive. */
export interface ExportFile {
  path: string;
  storageKey: string;
}

/** Everything an export holds: JSON documents by file name, files from storage, and the audit target. */
export interface ExportBundle {
  documents: Record<string, unknown>;
  files: ExportFile[];
  audit: { objectType: string; objectId: string | null; employeeRef?: string };
}

const fileNameOf = (a: Attachment) => `attachments/${a.id}/${a.fileName.replace(/[/\\]/g, '_')}`;

const userDto = (u: User) => ({
  id: u.id,
  name: u.name,
  email: u.email,
  role: u.role,
  linked_employee_id: u.linkedEmployeeId,
  is_active: u.isActive,
  last_login_at: u.lastLoginAt?.toISOString() ?? null,
  created_at: u.createdAt.toISOString(),
  updated_at: u.updatedAt.toISOString(),
});

/** Gathers what the organization holds about a contact or an employee (in the caller's transaction). */
@Injectable()
export class GdprExportCollector {
  constructor(
    private readonly subjects: GdprSubjectsRepository,
    private readonly timeline: TimelineService,
  ) {}

  async contact(manager: EntityManager, organizationId: string, id: string): Promise<ExportBundle> {
    const contact = await this.subjects.findContact(organizationId, id, manager);
    if (!contact) throw new NotFoundException('Contact not found');
    const notes = await this.subjects.contactNotes(organizationId, id, manager);
    const attachments = await this.subjects.contactAttachments(organizationId, id, manager);
    const fullName = [contact.firstName, contact.lastName].filter(Boolean).join(' ');
    const patterns = [fullName, contact.email, contact.phone].filter((t): t is string => !!t && t.trim().length >= 3).map((t) => likeAnywhere(t.trim()));
    return {
      documents: {
        'contact.json': toContactDto(contact),
        'notes.json': notes.map(toNoteDto),
        'attachments.json': attachments.map((a) => ({ ...toAttachmentDto(a), archive_path: fileNameOf(a) })),
        'mentions.json': {
          notes: await this.subjects.mentions(manager, 'notes', ['body'], organizationId, patterns, id),
          deals: await this.subjects.mentions(manager, 'deals', ['name', 'description'], organizationId, patterns),
          tasks: await this.subjects.mentions(manager, 'tasks', ['title', 'description'], organizationId, patterns),
        },
        'timeline.json': await this.contactTimeline(id),
        'audit_logs.json': await this.subjects.auditRows(manager, organizationId, [id, ...notes.map((n) => n.id), ...attachments.map((a) => a.id)]),
      },
      files: attachments.map((a) => ({ path: fileNameOf(a), storageKey: a.storageKey })),
      audit: { objectType: 'contact', objectId: id },
    };
  }

  async employee(manager: EntityManager, organizationId: string, id: string): Promise<ExportBundle> {
    const subject = await this.subjects.findEmployee(organizationId, id, manager);
    if (!subject) throw new NotFoundException('Employee not found');
    const { user, employeeId } = subject;
    const timeEntries = await this.subjects.employeeRows(manager, 'time_entries', organizationId, subject);
    const documents: Record<string, unknown> = {
      'employee.json': { employee_id: employeeId, user_id: user?.id ?? null },
      'time_entries.json': timeEntries,
      'personal_time_counters.json': await this.subjects.employeeRows(manager, 'personal_time_counters', organizationId, subject),
      'mapping_rules.json': await this.subjects.employeeRows(manager, 'mapping_rules', organizationId, subject),
    };
    if (user) Object.assign(documents, await this.userDocuments(manager, organizationId, user));
    documents['audit_logs.json'] = await this.subjects.auditRows(manager, organizationId, [...(user ? [user.id] : []), ...timeEntries.map((e) => String(e.id))]);
    if (user) documents['activity.json'] = await this.subjects.activityRows(manager, organizationId, user.id);
    return {
      documents,
      files: [],
      audit: user ? { objectType: 'user', objectId: user.id } : { objectType: 'employee', objectId: null, employeeRef: employeeRef(organizationId, employeeId as string) },
    };
  }

  private async userDocuments(manager: EntityManager, organizationId: string, user: User): Promise<Record<string, unknown>> {
    return {
      'user.json': userDto(user),
      'deals.json': await this.subjects.userRows(manager, 'deals', ['owner_id'], organizationId, user.id),
      'tasks.json': await this.subjects.userRows(manager, 'tasks', ['assigned_to', 'created_by'], organizationId, user.id),
      'notes.json': (await this.subjects.authored(manager, Note, organizationId, user.id)).map(toNoteDto),
      'attachments.json': (await this.subjects.authored(manager, Attachment, organizationId, user.id)).map(toAttachmentDto),
      'notifications.json': await this.subjects.userRows(manager, 'notifications', ['user_id'], organizationId, user.id),
    };
  }

  /** The contact's timeline as the product shows it to an admin, every page. */
  private async contactTimeline(id: string): Promise<TimelineItemDto[]> {
    const items: TimelineItemDto[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.timeline.forContact(id, { limit: 100, cursor });
      items.push(...page.data);
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
    return items;
  }
}

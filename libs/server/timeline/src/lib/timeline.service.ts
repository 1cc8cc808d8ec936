import { Injectable } from '@nestjs/common';
import { decodeCursor, RequestContext, toPage } from '@clockwork/server-core';
import type { TimelineItemDto, TimelineItemType, TimelinePageDto, TimelineQueryDto } from '@clockwork/shared-dto';
import { TimelineRepository, TimelineRow, TimelineSubject } from './timeline.repository';
import { TimelineSources } from './timeline-sources.registry';

export const toTimelineItemDto = (row: TimelineRow): TimelineItemDto => ({
  type: row.type as TimelineItemType,
  at: row.at.toISOString(),
  id: row.id,
  summary: row.summary,
  data: row.data,
});

/**
 * What happened around an account or a contact, newest first: notes, tasks, deal stage
 * changes and audit entries (see the sources), only what the caller may see.
 */
@Injectable()
export class TimelineService {
  constructor(
    private readonly timeline: TimelineRepository,
    private readonly sources: TimelineSources,
    private readonly context: RequestContext,
  ) {}

  forAccount(id: string, query: TimelineQueryDto): Promise<TimelinePageDto> {
    return this.page('account', id, query);
  }

  forContact(id: string, query: TimelineQueryDto): Promise<TimelinePageDto> {
    return this.page('contact', id, query);
  }

  private async page(subject: TimelineSubject, id: string, query: TimelineQueryDto): Promise<TimelinePageDto> {
    const after = query.cursor ? decodeCursor(query.cursor, { cast: 'timestamptz' }) : null;
    await this.timeline.assertSubject(subject, id);
    const principal = this.context.principal;
    if (!principal) return { data: [], next_cursor: null };
    const branches = this.sources.all().flatMap((s) => (subject === 'account' ? s.forAccount({ principal }) : s.forContact({ principal })));
    const limit = query.limit ?? 50;
    const viewer = { id: principal.id, isAdmin: principal.role === 'admin' };
    const rows = await this.timeline.page(branches, id, viewer, after, limit + 1);
    return toPage(rows, limit, (r) => ({ value: r.at.toISOString(), id: r.id }), toTimelineItemDto);
  }
}

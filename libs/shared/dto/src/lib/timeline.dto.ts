import { ApiProperty, OmitType } from '@nestjs/swagger';
import { PageOf, PageQueryDto } from './page.dto';

/** The kinds of item a timeline shows (each has a TimelineSource in libs/server/timeline). */
export const TIMELINE_ITEM_TYPES = ['note', 'task', 'deal_stage', 'audit', 'time_entry', 'activity', 'email'] as const;
export type TimelineItemType = (typeof TIMELINE_ITEM_TYPES)[number];

export class TimelineItemDto {
  @ApiProperty({ enum: TIMELINE_ITEM_TYPES })
  type: TimelineItemType;

  @ApiProperty({ format: 'date-time', description: 'When it happened; the timeline is newest first' })
  at: string;

  @ApiProperty({ format: 'uuid', description: 'The id of the note, task, stage change, audit entry or time entry' })
  id: string;

  @ApiProperty({ example: 'Proposal → Negotiation: Website redesign' })
  summary: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'note: parent_type, parent_id, author_id, is_private, body; task: deal_id, title, status, priority, assigned_to, due_date, completed_at; ' +
      'deal_stage: deal_id, deal_name, from_stage, to_stage, changed_by; audit: action, object_type, object_id, actor_type, actor_id, changes; ' +
      'activity (at = occurred_at): activity_type, subject, outcome, duration_minutes, owner_id, account_id, contact_id, deal_id; ' +
      'email (at = sent_at; GET /email-log/emails/{id} has the body): email_id, subject, snippet, from, to, cc, sent_at; ' +
      'time_entry (account timelines only, at = start_time): deal_id, deal_name, task_id, user_id, employee_id, project_name, start_time, end_time, duration_seconds, activity_type, billable, mapping_rule',
  })
  data: Record<string, unknown>;
}

export class TimelinePageDto extends PageOf(TimelineItemDto) {}

/** `?limit=&cursor=`: a timeline has one order (newest first) and no CSV. */
export class TimelineQueryDto extends OmitType(PageQueryDto, ['sort', 'format'] as const) {}

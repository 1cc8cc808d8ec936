import type { ActivityDto, ActivityType } from '@clockwork/shared-dto';
import type { Activity } from '@clockwork/shared-entities';

/** The wire shape of an activity (snake_case, ISO timestamps). */
export function toActivityDto(a: Activity): ActivityDto {
  return {
    id: a.id,
    type: a.type as ActivityType,
    subject: a.subject,
    occurred_at: a.occurredAt.toISOString(),
    duration_minutes: a.durationMinutes,
    outcome: a.outcome,
    notes: a.notes,
    account_id: a.accountId,
    contact_id: a.contactId,
    deal_id: a.dealId,
    owner_id: a.ownerId,
    created_at: a.createdAt.toISOString(),
    updated_at: a.updatedAt.toISOString(),
  };
}

/** The CSV columns of an activity export, in order. */
export const ACTIVITY_CSV_COLUMNS: (keyof ActivityDto)[] = ['id', 'type', 'subject', 'occurred_at', 'duration_minutes', 'outcome', 'account_id', 'contact_id', 'deal_id', 'owner_id', 'notes', 'created_at'];

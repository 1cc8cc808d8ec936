import { fastDtoValidator, flattenValidationErrors } from '@clockwork/server-core';
import { CreateTimeEntryDto, FieldErrorDto, spanSeconds } from '@clockwork/shared-dto';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';

/** The agent flags personal time with activity_type `personal` or the tag `personal`. */
export function isPersonal(entry: Pick<CreateTimeEntryDto, 'activity_type' | 'tags'>): boolean {
  return entry.activity_type === 'personal' || (entry.tags ?? []).some((t) => t.trim().toLowerCase() === 'personal');
}

/** An entry ready to store: duration derived when omitted, defaults applied, times normalized. */
export interface NormalizedEntry {
  external_id: string | null;
  user_id: string | null;
  employee_id: string | null;
  deal_id: string | null;
  task_id: string | null;
  project_name: string | null;
  tags: string[];
  start_time: string;
  end_time: string;
  duration_seconds: number;
  activity_type: 'app' | 'website' | 'manual';
  productivity_score: number;
  source: 'agent' | 'manual';
  billable: boolean;
  source_updated_at: string | null;
}

export function normalizeEntry(dto: CreateTimeEntryDto): NormalizedEntry {
  return {
    external_id: dto.external_id ?? null,
    user_id: dto.user_id ?? null,
    employee_id: dto.employee_id ?? null,
    deal_id: dto.deal_id ?? null,
    task_id: dto.task_id ?? null,
    project_name: dto.project_name ?? null,
    tags: [...new Set((dto.tags ?? []).map((t) => t.trim()).filter((t) => t !== ''))],
    start_time: new Date(dto.start_time).toISOString(),
    end_time: new Date(dto.end_time).toISOString(),
    duration_seconds: dto.duration_seconds ?? (spanSeconds(dto.start_time, dto.end_time) as number),
    activity_type: dto.activity_type as NormalizedEntry['activity_type'],
    productivity_score: dto.productivity_score,
    source: dto.source,
    billable: dto.billable ?? true,
    source_updated_at: dto.updated_at ? new Date(dto.updated_at).toISOString() : null,
  };
}

export type EntryCheck = { dto: CreateTimeEntryDto; errors: null } | { dto: null; errors: FieldErrorDto[] };

/**
 * Validates one entry of a batch exactly as `POST /time-entries` validates its body
 * (whitelist, unknown fields refused, per-field messages). A batch holds up to 5,000 entries:
 * the ones that plainly pass (checkedEntry) skip class-validator's machinery; any other goes
 * through it, which names its errors.
 */
export function validateEntry(raw: unknown): EntryCheck {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { dto: null, errors: [{ field: 'entry', errors: ['entry must be an object'] }] };
  const dto = checkedEntry(raw as Record<string, unknown>);
  return dto ? { dto, errors: null } : validateEntryByDecorators(raw);
}

/** class-transformer and class-validator over CreateTimeEntryDto, as the ValidationPipe does. */
export function validateEntryByDecorators(raw: object): EntryCheck {
  const dto = plainToInstance(CreateTimeEntryDto, raw);
  const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true });
  return errors.length ? { dto: null, errors: flattenValidationErrors(errors) } : { dto, errors: null };
}

const fastCheck = fastDtoValidator(CreateTimeEntryDto);
/** The fields of CreateTimeEntryDto that carry validators (read from its decorators). */
export const CHECKED_ENTRY_FIELDS = fastCheck.fields;

/**
 * The DTO plainToInstance gives for `raw` when every one of CreateTimeEntryDto's validators
 * passes on it, else null: the decorators themselves, run without class-validator's error
 * machinery (fastDtoValidator). Never accepts what class-validator refuses (the spec compares
 * the two on generated entries).
 */
export function checkedEntry(raw: Record<string, unknown>): CreateTimeEntryDto | null {
  return fastCheck.check(raw);
}

/**
 * Same external_id twice in one batch: the occurrence with the newest source timestamp wins
 * (the first one on a tie); the others answer as the winner does. Returns index -> winner index.
 */
export function winnersByExternalId(entries: { index: number; entry: NormalizedEntry }[]): Map<number, number> {
  const best = new Map<string, { index: number; ts: number }>();
  for (const { index, entry } of entries) {
    if (!entry.external_id) continue;
    const ts = entry.source_updated_at ? Date.parse(entry.source_updated_at) : -Infinity;
    const current = best.get(entry.external_id);
    if (!current || ts > current.ts) best.set(entry.external_id, { index, ts });
  }
  const winner = new Map<number, number>();
  for (const { index, entry } of entries) winner.set(index, entry.external_id ? (best.get(entry.external_id) as { index: number }).index : index);
  return winner;
}

/** A stored entry is replaced by an incoming one only when the incoming source timestamp is newer. */
export function isNewer(incoming: string | null, stored: Date | string | null): boolean {
  if (!incoming) return false;
  if (!stored) return true;
  return Date.parse(incoming) > new Date(stored).getTime();
}

import { flattenValidationErrors } from '@clockwork/server-core';
import {
  CreateTimeEntryDto,
  FieldErrorDto,
  isAfterStart,
  isNumberWithDecimals,
  matchesSpan,
  spanSeconds,
  TIME_ENTRY_INPUT_ACTIVITY_TYPES,
  TIME_ENTRY_ISO8601,
  TIME_ENTRY_SOURCES,
} from '@clockwork/shared-dto';
import { plainToInstance } from 'class-transformer';
import { arrayMaxSize, getMetadataStorage, isArray, isBoolean, isIn, isInt, isISO8601, isString, isUUID, max, maxLength, min, validateSync } from 'class-validator';

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
  const dto = checksKnowAllFields() ? checkedEntry(raw as Record<string, unknown>) : null;
  return dto ? { dto, errors: null } : validateEntryByDecorators(raw);
}

let knowsAllFields: boolean | undefined;
/** A field added to CreateTimeEntryDto that checkedEntry does not check sends every entry through class-validator. */
function checksKnowAllFields(): boolean {
  if (knowsAllFields === undefined) {
    const validated = new Set(getMetadataStorage().getTargetValidationMetadatas(CreateTimeEntryDto, '', true, false).map((m) => m.propertyName));
    knowsAllFields = validated.size === CHECKED_ENTRY_FIELDS.size && [...validated].every((f) => CHECKED_ENTRY_FIELDS.has(f));
  }
  return knowsAllFields;
}

/** class-transformer and class-validator over CreateTimeEntryDto, as the ValidationPipe does. */
export function validateEntryByDecorators(raw: object): EntryCheck {
  const dto = plainToInstance(CreateTimeEntryDto, raw);
  const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true });
  return errors.length ? { dto: null, errors: flattenValidationErrors(errors) } : { dto, errors: null };
}

/** The fields of CreateTimeEntryDto that checkedEntry knows the decorators of; those it trims to null (TrimToNull). */
export const CHECKED_ENTRY_FIELDS = new Set([
  'external_id', 'user_id', 'employee_id', 'deal_id', 'task_id', 'project_name', 'tags', 'start_time', 'end_time', 'duration_seconds',
  'activity_type', 'productivity_score', 'source', 'billable', 'updated_at',
]);
const TRIMMED_TO_NULL = ['external_id', 'employee_id', 'project_name'] as const;

const trimToNull = (v: unknown) => (typeof v === 'string' ? v.trim() || null : v);
/** IsOptional + IsString + MaxLength */
const optionalText = (v: unknown, max: number) => v === null || v === undefined || (isString(v) && maxLength(v, max));
/** IsOptional + ValidateIf(not null) + IsUUID */
const optionalUuid = (v: unknown) => v === null || v === undefined || isUUID(v);
/** OptionalNotNull + IsArray + ArrayMaxSize(50) + IsString/MaxLength(100) each */
const optionalTags = (v: unknown) => v === undefined || (isArray(v) && arrayMaxSize(v, 50) && (v as unknown[]).every((t) => isString(t) && maxLength(t, 100)));

/**
 * The DTO plainToInstance gives for `raw` when every one of CreateTimeEntryDto's validators
 * passes on it (each check below is the decorator's own function, field by field), else null.
 * Never accepts what class-validator refuses: unknown fields, nested objects and any failing
 * check answer null (the spec compares the two on generated entries and pins the decorators).
 */
export function checkedEntry(raw: Record<string, unknown>): CreateTimeEntryDto | null {
  const keys = Object.keys(raw);
  for (const key of keys) if (!CHECKED_ENTRY_FIELDS.has(key)) return null;
  const { user_id, deal_id, task_id, tags, start_time, end_time, duration_seconds, activity_type, productivity_score, source, billable, updated_at } = raw;
  const ok =
    optionalText(trimToNull(raw['external_id']), 200) &&
    optionalText(trimToNull(raw['employee_id']), 200) &&
    optionalText(trimToNull(raw['project_name']), 500) &&
    optionalUuid(user_id) &&
    optionalUuid(deal_id) &&
    optionalUuid(task_id) &&
    optionalTags(tags) &&
    isISO8601(start_time, TIME_ENTRY_ISO8601) &&
    isISO8601(end_time, TIME_ENTRY_ISO8601) &&
    isAfterStart(start_time, end_time) &&
    (duration_seconds === undefined || (isInt(duration_seconds) && min(duration_seconds, 0) && max(duration_seconds, 2147483647) && matchesSpan(duration_seconds, start_time, end_time))) &&
    isIn(activity_type, TIME_ENTRY_INPUT_ACTIVITY_TYPES) &&
    isNumberWithDecimals(productivity_score, 3) &&
    min(productivity_score, 0) &&
    max(productivity_score, 1) &&
    isIn(source, TIME_ENTRY_SOURCES) &&
    (billable === undefined || isBoolean(billable)) &&
    (updated_at === undefined || isISO8601(updated_at, TIME_ENTRY_ISO8601));
  if (!ok) return null;
  const dto = new CreateTimeEntryDto() as unknown as Record<string, unknown>;
  for (const key of keys) dto[key] = key === 'tags' ? [...(tags as string[])] : raw[key];
  for (const key of TRIMMED_TO_NULL) if (key in raw) dto[key] = trimToNull(raw[key]);
  return dto as unknown as CreateTimeEntryDto;
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

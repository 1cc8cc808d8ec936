import { BadRequestException } from '@nestjs/common';
import { BULK_EDIT_FIELDS, MAX_CONTACT_TAGS, SAVED_VIEW_LISTS } from '@clockwork/shared-dto';
import type { BulkEditKind, BulkEditPatchDto, FieldErrorDto } from '@clockwork/shared-dto';

/** A 400 naming every bad field; nothing has been written when it is thrown. */
export function invalid(details: FieldErrorDto[]): BadRequestException {
  return new BadRequestException({ message: `Validation failed: ${details.flatMap((d) => d.errors).join('; ')}`, details });
}

/** The patch fields sent (a field set to null counts: it clears). */
export const sentFields = (patch: BulkEditPatchDto): (keyof BulkEditPatchDto)[] =>
  (Object.keys(patch) as (keyof BulkEditPatchDto)[]).filter((k) => patch[k] !== undefined);

/** 400 when the patch changes nothing or names a field the kind does not have. */
export function assertPatchFits(kind: BulkEditKind, patch: BulkEditPatchDto): void {
  const sent = sentFields(patch);
  const allowed = BULK_EDIT_FIELDS[kind];
  if (sent.length === 0) throw invalid([{ field: 'patch', errors: [`patch must change at least one of ${allowed.join(', ')}`] }]);
  const foreign = sent.filter((f) => !allowed.includes(f));
  if (foreign.length > 0) throw invalid(foreign.map((f) => ({ field: `patch.${f}`, errors: [`patch.${f} is not a field of ${kind} (allowed: ${allowed.join(', ')})`] })));
  if (patch.custom_fields !== undefined && Object.keys(patch.custom_fields).length === 0) throw invalid([{ field: 'patch.custom_fields', errors: ['patch.custom_fields must set or clear at least one field'] }]);
  const both = (patch.add_tags ?? []).filter((t) => (patch.remove_tags ?? []).map((r) => r.trim()).includes(t.trim()));
  if (both.length > 0) throw invalid([{ field: 'patch.remove_tags', errors: [`patch.remove_tags must not repeat a tag of add_tags (${both.join(', ')})`] }]);
}

const CUSTOM_FIELD_FILTER = /^cf\.[a-z][a-z0-9_]{0,39}$/;

/** 400 naming each filter key the kind's list does not have (the same allow-list as saved views, `cf.<key>` included). */
export function assertFilterKeys(kind: BulkEditKind, filter: Record<string, unknown>): void {
  const allowed = SAVED_VIEW_LISTS[kind].filters as readonly string[];
  const known = (key: string) => allowed.includes(key) || CUSTOM_FIELD_FILTER.test(key);
  const bad = Object.entries(filter).filter(([key, value]) => !known(key) || typeof value !== 'string' || value.length > 500);
  if (bad.length > 0) {
    throw invalid(bad.map(([key]) => ({ field: `selection.filter.${key}`, errors: [known(key) ? `selection.filter.${key} must be a string of at most 500 characters` : `selection.filter.${key} is not a filter of the ${kind} list (allowed: ${allowed.join(', ')})`] })));
  }
}

/** A contact's tags after the patch: removed ones dropped, added ones appended (once, in order). */
export function nextTags(current: string[], patch: Pick<BulkEditPatchDto, 'add_tags' | 'remove_tags'>): string[] {
  const remove = new Set((patch.remove_tags ?? []).map((t) => t.trim()));
  const tags = current.filter((t) => !remove.has(t));
  for (const tag of (patch.add_tags ?? []).map((t) => t.trim())) if (!tags.includes(tag)) tags.push(tag);
  return tags;
}

/** The ids (in order) of contacts the patch would leave with more tags than a contact may have. */
export const overTagged = (rows: { id: string; tags: string[] }[], patch: BulkEditPatchDto): string[] =>
  rows.filter((r) => nextTags(r.tags, patch).length > MAX_CONTACT_TAGS).map((r) => r.id);

/**
 * The record's own PATCH body for this bulk patch: what its service validates and writes with
 * its audit row and events (`owner_id` is a task's `assigned_to`).
 */
export function recordPatch(kind: BulkEditKind, patch: BulkEditPatchDto, currentTags: string[] = []): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (patch.owner_id !== undefined) body[kind === 'tasks' ? 'assigned_to' : 'owner_id'] = patch.owner_id;
  if (kind === 'deals' && patch.stage !== undefined) body['stage'] = patch.stage;
  if (kind === 'tasks' && patch.status !== undefined) body['status'] = patch.status;
  if (kind === 'tasks' && patch.priority !== undefined) body['priority'] = patch.priority;
  if (kind === 'contacts' && (patch.add_tags !== undefined || patch.remove_tags !== undefined)) body['tags'] = nextTags(currentTags, patch);
  if (patch.custom_fields !== undefined) body['custom_fields'] = patch.custom_fields;
  return body;
}

/**
 * A list filter as its query DTO takes it: the `cf.<key>` parameters gathered into `cf` (what the
 * list's query middleware does with a URL).
 */
export function listQueryOf(filter: Record<string, unknown>): Record<string, unknown> {
  const query: Record<string, unknown> = {};
  const cf: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(filter)) {
    if (CUSTOM_FIELD_FILTER.test(key)) cf[key.slice(3)] = value;
    else query[key] = value;
  }
  return Object.keys(cf).length ? { ...query, cf } : query;
}

/** Splits ids into the batches written one transaction each. */
export function batchesOf<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

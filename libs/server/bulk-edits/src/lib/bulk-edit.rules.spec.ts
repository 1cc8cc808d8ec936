import { BadRequestException } from '@nestjs/common';
import { assertFilterKeys, assertPatchFits, batchesOf, nextTags, overTagged, recordPatch } from './bulk-edit.rules';

const fieldsOf = (fn: () => void): string[] => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(BadRequestException);
    return ((e as BadRequestException).getResponse() as { details: { field: string }[] }).details.map((d) => d.field);
  }
  return [];
};

describe('bulk edit rules', () => {
  it("takes only the kind's own patch fields, and at least one", () => {
    expect(fieldsOf(() => assertPatchFits('deals', { stage: 'won', owner_id: null }))).toEqual([]);
    expect(fieldsOf(() => assertPatchFits('contacts', { stage: 'won', status: 'done' }))).toEqual(['patch.stage', 'patch.status']);
    expect(fieldsOf(() => assertPatchFits('tasks', {}))).toEqual(['patch']);
    expect(fieldsOf(() => assertPatchFits('contacts', { add_tags: ['a '], remove_tags: ['a'] }))).toEqual(['patch.remove_tags']);
  });

  it("takes only the list's filter keys", () => {
    expect(fieldsOf(() => assertFilterKeys('tasks', { status: 'todo', priority: 'high' }))).toEqual([]);
    expect(fieldsOf(() => assertFilterKeys('contacts', { stage: 'won', q: 'x' }))).toEqual(['selection.filter.stage']);
  });

  it('adds tags once after the kept ones and removes the named ones', () => {
    expect(nextTags(['vip', 'old', 'x'], { add_tags: [' new ', 'vip'], remove_tags: ['old'] })).toEqual(['vip', 'x', 'new']);
    const fifty = Array.from({ length: 50 }, (_, i) => `t${i}`);
    expect(overTagged([{ id: 'a', tags: fifty }, { id: 'b', tags: [] }], { add_tags: ['more'] })).toEqual(['a']);
    expect(overTagged([{ id: 'a', tags: fifty }], { add_tags: ['t1'] })).toEqual([]);
  });

  it("builds each record's own PATCH body (a task's owner is its assignee)", () => {
    expect(recordPatch('tasks', { owner_id: 'u', status: 'done' })).toEqual({ assigned_to: 'u', status: 'done' });
    expect(recordPatch('deals', { owner_id: null, stage: 'won' })).toEqual({ owner_id: null, stage: 'won' });
    expect(recordPatch('contacts', { remove_tags: ['a'] }, ['a', 'b'])).toEqual({ tags: ['b'] });
  });

  it('splits into batches', () => {
    const sizes = batchesOf(Array.from({ length: 1201 }, (_, i) => i), 500).map((b) => b.length);
    expect(sizes).toEqual([500, 500, 201]);
  });
});

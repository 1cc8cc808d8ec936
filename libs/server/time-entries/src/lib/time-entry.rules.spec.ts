import { BadRequestException } from '@nestjs/common';
import { patchColumns } from './time-entries.service';
import { isNewer, isPersonal, normalizeEntry, validateEntry, winnersByExternalId } from './time-entry.rules';

const body = (extra: Record<string, unknown> = {}) => ({
  start_time: '2026-03-02T09:00:00Z',
  end_time: '2026-03-02T10:00:00Z',
  duration_seconds: 3600,
  activity_type: 'app',
  productivity_score: 0.5,
  source: 'agent',
  ...extra,
});
const valid = (raw: unknown) => {
  const r = validateEntry(raw);
  if (!r.dto) throw new Error(JSON.stringify(r.errors));
  return r.dto;
};
const fields = (raw: unknown) => {
  const r = validateEntry(raw);
  return r.errors ? r.errors.map((e) => e.field).sort() : [];
};

describe('time entry validation', () => {
  it('accepts the contract body and derives an omitted duration', () => {
    expect(normalizeEntry(valid(body({ duration_seconds: undefined })))).toMatchObject({ duration_seconds: 3600, billable: true, tags: [], start_time: '2026-03-02T09:00:00.000Z', source_updated_at: null });
  });

  it('requires end_time after start_time', () => {
    expect(fields(body({ end_time: '2026-03-02T09:00:00Z' }))).toEqual(['end_time']);
    expect(fields(body({ end_time: '2026-03-02T08:00:00Z', duration_seconds: undefined }))).toEqual(['end_time']);
  });

  it('allows the duration to differ from the span by at most one second', () => {
    expect(fields(body({ duration_seconds: 3599 }))).toEqual([]);
    expect(fields(body({ duration_seconds: 3601 }))).toEqual([]);
    expect(fields(body({ duration_seconds: 3598 }))).toEqual(['duration_seconds']);
    expect(fields(body({ duration_seconds: 60 }))).toEqual(['duration_seconds']);
    expect(fields(body({ duration_seconds: 1.5 }))).toEqual(['duration_seconds']);
  });

  it('keeps productivity_score within 0..1 and the enums known', () => {
    expect(fields(body({ productivity_score: -0.1 }))).toEqual(['productivity_score']);
    expect(fields(body({ productivity_score: 1.01 }))).toEqual(['productivity_score']);
    expect(fields(body({ productivity_score: 1 }))).toEqual([]);
    expect(fields(body({ activity_type: 'game', source: 'robot' }))).toEqual(['activity_type', 'source']);
  });

  it('names unknown fields, malformed dates and non-objects', () => {
    expect(fields(body({ colour: 'red' }))).toEqual(['colour']);
    expect(fields(body({ start_time: 'yesterday' }))).toEqual(['start_time']);
    expect(fields('junk')).toEqual(['entry']);
  });

  it('recognises personal time by activity_type or tag', () => {
    expect(isPersonal({ activity_type: 'personal', tags: [] })).toBe(true);
    expect(isPersonal({ activity_type: 'app', tags: ['work', ' Personal '] })).toBe(true);
    expect(isPersonal({ activity_type: 'app', tags: ['personality'] })).toBe(false);
  });
});

describe('external id rules', () => {
  it('keeps the newest duplicate of a batch (the first on a tie)', () => {
    const e = (index: number, external_id: string | null, ts: string | null) => ({ index, entry: { ...normalizeEntry(valid(body())), external_id, source_updated_at: ts } });
    const winners = winnersByExternalId([e(0, 'a', null), e(1, 'a', '2026-01-01T00:00:00Z'), e(2, 'a', '2025-01-01T00:00:00Z'), e(3, null, null), e(4, 'b', null), e(5, 'b', null)]);
    expect([...winners.entries()]).toEqual([[0, 1], [1, 1], [2, 1], [3, 3], [4, 4], [5, 4]]);
  });

  it('updates only for a strictly newer source timestamp', () => {
    expect(isNewer(null, null)).toBe(false);
    expect(isNewer('2026-01-01T00:00:00Z', null)).toBe(true);
    expect(isNewer('2026-01-01T00:00:00Z', new Date('2026-01-01T00:00:00Z'))).toBe(false);
    expect(isNewer('2026-01-01T00:00:01Z', new Date('2026-01-01T00:00:00Z'))).toBe(true);
  });
});

describe('patch rules', () => {
  const stored = { startTime: new Date('2026-03-02T09:00:00Z'), endTime: new Date('2026-03-02T10:00:00Z'), durationSeconds: 3600 };

  it('re-derives the duration when the times move', () => {
    expect(patchColumns(stored, { end_time: '2026-03-02T09:15:00Z' })).toMatchObject({ durationSeconds: 900 });
    expect(patchColumns(stored, { billable: false })).toEqual({ billable: false });
  });

  it('refuses times out of order and a duration that does not fit the stored span', () => {
    expect(() => patchColumns(stored, { start_time: '2026-03-02T11:00:00Z' })).toThrow(BadRequestException);
    expect(() => patchColumns(stored, { duration_seconds: 100 })).toThrow(/duration_seconds/);
  });
});

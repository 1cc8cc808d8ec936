import { BadRequestException } from '@nestjs/common';
import { patchColumns } from './time-entries.service';
import { CreateTimeEntryDto } from '@clockwork/shared-dto';
import { getMetadataStorage } from 'class-validator';
import { CHECKED_ENTRY_FIELDS, checkedEntry, isNewer, isPersonal, normalizeEntry, validateEntry, validateEntryByDecorators, winnersByExternalId } from './time-entry.rules';

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

describe('the fast path of batch validation', () => {
  it('is pinned to the decorators of CreateTimeEntryDto (change checkedEntry with them)', () => {
    const metadata = getMetadataStorage().getTargetValidationMetadatas(CreateTimeEntryDto, '', true, false);
    expect(new Set(metadata.map((m) => m.propertyName))).toEqual(CHECKED_ENTRY_FIELDS);
    const signature = metadata.map((m) => `${m.propertyName} ${m.name ?? m.type} ${JSON.stringify(m.constraints ?? null)}${m.each ? ' each' : ''}`).sort();
    expect(signature).toEqual(
      [
        'external_id maxLength [200]', 'external_id isString null', 'external_id isOptional [null]',
        'user_id isUuid [null]', 'user_id conditionalValidation [null]', 'user_id isOptional [null]',
        'employee_id maxLength [200]', 'employee_id isString null', 'employee_id isOptional [null]',
        'deal_id isUuid [null]', 'deal_id conditionalValidation [null]', 'deal_id isOptional [null]',
        'task_id isUuid [null]', 'task_id conditionalValidation [null]', 'task_id isOptional [null]',
        'project_name maxLength [500]', 'project_name isString null', 'project_name isOptional [null]',
        'tags maxLength [100] each', 'tags isString null each', 'tags arrayMaxSize [50]', 'tags isArray null', 'tags conditionalValidation [null]',
        'start_time isIso8601 [{"strict":true,"strictSeparator":true}]',
        'end_time isAfterStart null', 'end_time isIso8601 [{"strict":true,"strictSeparator":true}]',
        'duration_seconds matchesSpan null', 'duration_seconds max [2147483647]', 'duration_seconds min [0]', 'duration_seconds isInt null', 'duration_seconds conditionalValidation [null]',
        'activity_type isIn [["app","website","manual","personal"]]',
        'productivity_score max [1]', 'productivity_score min [0]', 'productivity_score isNumberWithDecimals null',
        'source isIn [["agent","manual"]]',
        'billable isBoolean null', 'billable conditionalValidation [null]',
        'updated_at isIso8601 [{"strict":true,"strictSeparator":true}]', 'updated_at conditionalValidation [null]',
      ].sort(),
    );
  });

  it('accepts only what class-validator accepts, giving the same DTO', () => {
    // Field values good and bad; every generated entry is checked both ways.
    const values: Record<string, unknown[]> = {
      external_id: [undefined, null, 'a-1', '  a-2  ', '', '   ', 'x'.repeat(200), 'x'.repeat(201), 7, ['a'], { a: 1 }],
      user_id: [undefined, null, '6f1c9a52-1b8e-4c7e-9d51-2b7d5f0b9a10', '6F1C9A52-1B8E-4C7E-9D51-2B7D5F0B9A10', 'nope', '', 12, '00000000-0000-0000-0000-000000000000', '6f1c9a52-1b8e-0c7e-9d51-2b7d5f0b9a10'],
      employee_id: [undefined, null, 'emp-1', ' emp-2 ', '', 'e'.repeat(201), false],
      deal_id: [undefined, null, '01938f2e-5a3b-7c1d-8e9f-0a1b2c3d4e5f', 'deal', {}],
      task_id: [undefined, null, '6f1c9a52-1b8e-4c7e-9d51-2b7d5f0b9a10', '6f1c9a52-1b8e-4c7e-9d51-2b7d5f0b9a1'],
      project_name: [undefined, null, 'Project', ' ', 'p'.repeat(500), 'p'.repeat(501), 3],
      tags: [undefined, null, [], ['a', 'a', ' '], ['personal'], Array(51).fill('t'), Array(50).fill('t'), ['t'.repeat(101)], [1], 'a', [null], {}],
      start_time: ['2026-03-02T09:00:00Z', '2026-03-02T09:00:00.123Z', '2026-03-02T10:00:00+01:00', '2026-03-02 09:00:00Z', '2026-02-30T09:00:00Z', 'yesterday', '2026-03-02', null, undefined, 5],
      end_time: ['2026-03-02T10:00:00Z', '2026-03-02T09:00:00Z', '2026-03-02T08:00:00Z', '2026-03-02T10:00:00.5Z', '2026-13-02T10:00:00Z', null, undefined, 'later'],
      duration_seconds: [undefined, null, 3600, 3599, 3601, 3598, 0, -1, 1.5, 2147483648, '3600', NaN],
      activity_type: ['app', 'website', 'manual', 'personal', 'game', null, undefined, 1],
      productivity_score: [0, 1, 0.5, 0.123, 0.1234, -0.1, 1.01, '0.5', null, undefined, Infinity, 1e-7],
      source: ['agent', 'manual', 'robot', null, undefined],
      billable: [undefined, true, false, null, 'true', 0],
      updated_at: [undefined, '2026-03-02T11:00:00Z', null, 'soon', '2026-03-02T11:00:00'],
      extra: [undefined, undefined, undefined, 1, null],
    };
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
    let fast = 0;
    for (let n = 0; n < 6000; n++) {
      // mostly valid entries with one or two fields drawn from the lists
      const raw: Record<string, unknown> = { ...body(), external_id: `e-${n}` };
      const changed = n % 3 === 0 ? Object.keys(values) : [pick(Object.keys(values)), pick(Object.keys(values))];
      for (const field of changed) {
        const value = pick(values[field]);
        if (value === undefined) delete raw[field];
        else raw[field] = value;
      }
      const expected = validateEntryByDecorators(raw);
      const got = checkedEntry(raw);
      if (got) {
        fast++;
        expect({ raw, errors: expected.errors }).toEqual({ raw, errors: null });
        expect(got).toBeInstanceOf(CreateTimeEntryDto);
        expect(got).toStrictEqual(expected.dto);
        expect(Object.keys(got)).toEqual(Object.keys(expected.dto as object));
      }
      expect(validateEntry(raw)).toStrictEqual(expected);
    }
    expect(fast).toBeGreaterThan(1000);
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

import { checkValue, filterValue, isCalendarDate } from './custom-field-value.rules';

const def = (type: string, options: string[] = []) => ({ key: 'f', type, options, required: false }) as Parameters<typeof checkValue>[0];
const value = (type: string, raw: unknown, options?: string[]) => checkValue(def(type, options), raw);

describe('custom field values', () => {
  it('normalizes what it accepts', () => {
    expect(value('text', '  a ')).toEqual({ ok: true, value: 'a' });
    expect(value('text', '   ')).toEqual({ ok: true, value: null });
    expect(value('multi_select', ['x', 'y', 'x'], ['x', 'y'])).toEqual({ ok: true, value: ['x', 'y'] });
    expect(value('multi_select', [], ['x'])).toEqual({ ok: true, value: null });
    expect(value('money', 10.5)).toEqual({ ok: true, value: 10.5 });
    expect(value('url', ' https://a.test/x ')).toEqual({ ok: true, value: 'https://a.test/x' });
    expect(value('user', '0190A000-0000-7000-8000-000000000001')).toEqual({ ok: true, value: '0190a000-0000-7000-8000-000000000001' });
    expect(value('checkbox', false)).toEqual({ ok: true, value: false });
    expect(value('number', null)).toEqual({ ok: true, value: null });
  });

  it('names the field in every refusal', () => {
    const bad: [string, unknown, string[]?][] = [
      ['text', 1],
      ['number', '1'],
      ['number', Number.NaN],
      ['money', 1.005],
      ['date', '2027-02-29'],
      ['date', '27-01-01'],
      ['single_select', 'z', ['x']],
      ['multi_select', ['x', 'z'], ['x']],
      ['multi_select', 'x', ['x']],
      ['checkbox', 'true'],
      ['url', 'ftp://a.test'],
      ['url', 'javascript:alert(1)'],
      ['user', 'nope'],
    ];
    for (const [type, raw, options] of bad) {
      const result = value(type, raw, options);
      expect({ type, raw, ok: result.ok }).toEqual({ type, raw, ok: false });
      if (!result.ok) expect(result.error.startsWith('custom_fields.f ')).toBe(true);
    }
  });

  it('reads real calendar dates only', () => {
    expect(['2028-02-29', '2027-12-31'].map(isCalendarDate)).toEqual([true, true]);
    expect(['2027-02-29', '2027-13-01', '2027-1-1'].map(isCalendarDate)).toEqual([false, false, false]);
  });

  it('types list filters like the field', () => {
    expect(filterValue(def('number'), '10')).toEqual({ ok: true, value: 10 });
    expect(filterValue(def('checkbox'), 'true')).toEqual({ ok: true, value: true });
    expect(filterValue(def('multi_select', ['x']), 'x')).toEqual({ ok: true, value: ['x'] });
    expect(filterValue(def('text'), 'a b')).toEqual({ ok: true, value: 'a b' });
    expect(filterValue(def('number'), 'many')).toEqual({ ok: false, error: 'cf.f must be a number' });
    expect(filterValue(def('single_select', ['x']), 'y').ok).toBe(false);
  });
});

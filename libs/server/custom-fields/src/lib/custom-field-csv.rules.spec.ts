import { csvStream } from '@clockwork/server-core';
import { parse } from 'csv-parse/sync';
import { customFieldCsvColumns, readCustomFieldCell } from './custom-field-csv.rules';

const def = (key: string, type: string, options: string[] = []) => ({ key, type, options, required: false }) as Parameters<typeof readCustomFieldCell>[0];

describe('custom field CSV columns', () => {
  const defs = [def('note', 'text'), def('seats', 'number'), def('fee', 'money'), def('renewal', 'date'), def('tier', 'single_select', ['gold', 'silver']), def('channels', 'multi_select', ['web', 'phone']), def('vip', 'checkbox'), def('site', 'url')];

  it('writes a cf.<key> column per field that reads back to the same values', async () => {
    const values = { note: '-starts with a dash', seats: -1250.75, fee: 99.99, renewal: '2027-02-28', tier: 'silver', channels: ['web', 'phone'], vip: false, site: 'https://a.test/x?y=1' };
    const { columns, cells } = customFieldCsvColumns(defs);
    expect(columns).toEqual(defs.map((d) => `cf.${d.key}`));
    const rows = [{ custom_fields: values }, { custom_fields: {} }];
    let csv = '';
    for await (const chunk of csvStream(columns, (async function* () { yield rows.map(cells); })())) csv += chunk;
    const [first, second] = parse(csv, { columns: true }) as Record<string, string>[];
    const readBack = (row: Record<string, string>) =>
      Object.fromEntries(defs.flatMap((d) => {
        const cell = row[`cf.${d.key}`].replace(/^'(?=[=+\-@])/, '');
        const checked = readCustomFieldCell(d, cell);
        if (!checked.ok) throw new Error(checked.error);
        return checked.value === null ? [] : [[d.key, checked.value]];
      }));
    expect(readBack(first)).toEqual(values);
    expect(readBack(second)).toEqual({});
  });

  it('refuses cells that are not of the field type, naming the field', () => {
    expect(readCustomFieldCell(def('seats', 'number'), '12 seats')).toEqual({ ok: false, error: 'custom_fields.seats must be a number' });
    expect(readCustomFieldCell(def('fee', 'money'), '1.234')).toMatchObject({ ok: false, error: expect.stringContaining('custom_fields.fee') });
    expect(readCustomFieldCell(def('vip', 'checkbox'), 'maybe')).toEqual({ ok: false, error: 'custom_fields.vip must be true or false' });
    expect(readCustomFieldCell(def('tier', 'single_select', ['gold']), 'bronze')).toMatchObject({ ok: false, error: expect.stringContaining('custom_fields.tier must be one of its options') });
    expect(readCustomFieldCell(def('renewal', 'date'), '2027-02-30')).toMatchObject({ ok: false });
    expect(readCustomFieldCell(def('vip', 'checkbox'), 'Yes')).toEqual({ ok: true, value: true });
  });
});

import { BadRequestException } from '@nestjs/common';
import type { CustomFieldsValidator } from './custom-fields.validator';
import { CustomFieldRecordReads, CustomFieldRecordRows } from './custom-field-record-reads.service';

interface Row {
  id: string;
  customFields: Record<string, unknown>;
}
type Dto = { id: string; custom_fields: Record<string, unknown> };
type Query = { cf?: Record<string, string> };

class Things extends CustomFieldRecordReads<Row, Query, Dto> {
  constructor(rows: CustomFieldRecordRows<Row, Query, Dto>, validator: CustomFieldsValidator) {
    super(rows, (r) => ({ id: r.id, custom_fields: r.customFields }), validator, 'account');
  }
}

describe('CustomFieldRecordReads', () => {
  const rows = {
    listPage: jest.fn(async (_query: Query, map: (r: Row) => Dto) => ({ data: [map({ id: 'a', customFields: { tier: 'gold' } })], next_cursor: null })),
    getById: jest.fn(async (id: string) => ({ id, customFields: {} })),
  };
  const validator = {
    filterFor: jest.fn(async (_type: string, filters: Record<string, string> | undefined) => {
      if (filters?.['nope']) throw new BadRequestException('cf.nope is not a custom field of accounts');
      return filters ? { tier: filters['tier'] } : undefined;
    }),
    csvColumns: jest.fn(async () => ({ columns: ['cf.tier'], cells: () => ({}) })),
  };
  const things = new Things(rows, validator as unknown as CustomFieldsValidator);

  beforeEach(() => jest.clearAllMocks());

  it('lists with the jsonb of the query’s cf.<key> filters, for its record type', async () => {
    await expect(things.list({ cf: { tier: 'gold' } })).resolves.toEqual({ data: [{ id: 'a', custom_fields: { tier: 'gold' } }], next_cursor: null });
    expect(validator.filterFor).toHaveBeenCalledWith('account', { tier: 'gold' });
    expect(rows.listPage).toHaveBeenCalledWith({ cf: { tier: 'gold' } }, expect.any(Function), { tier: 'gold' });
  });

  it('refuses an unknown cf.<key> filter before reading', async () => {
    await expect(things.list({ cf: { nope: 'x' } })).rejects.toBeInstanceOf(BadRequestException);
    expect(rows.listPage).not.toHaveBeenCalled();
  });

  it('gets one record and gives the CSV columns of its record type’s live fields', async () => {
    await expect(things.get('b')).resolves.toEqual({ id: 'b', custom_fields: {} });
    await expect(things.customFieldCsvColumns()).resolves.toMatchObject({ columns: ['cf.tier'] });
    expect(validator.csvColumns).toHaveBeenCalledWith('account');
  });
});

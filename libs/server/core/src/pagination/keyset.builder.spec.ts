import { byCreation, createdAtSort, timestampSorts } from './keyset.builder';

type Row = { id: string; createdAt: Date; updatedAt: Date };

describe('the sort fields every tenant table has', () => {
  it('sorts by created_at and updated_at as timestamps, read from the entity', () => {
    expect(createdAtSort<Row>()).toEqual({ column: 'created_at', cast: 'timestamptz', property: 'createdAt' });
    expect(timestampSorts<Row>()).toEqual({
      created_at: { column: 'created_at', cast: 'timestamptz', property: 'createdAt' },
      updated_at: { column: 'updated_at', cast: 'timestamptz', property: 'updatedAt' },
    });
  });

  it('orders a list by creation, newest first unless asked', () => {
    expect(byCreation<Row>()).toEqual({ sorts: { created_at: createdAtSort() }, fallback: 'created_at:desc' });
    expect(byCreation<Row>('asc').fallback).toBe('created_at:asc');
  });
});

import { NotFoundException } from '@nestjs/common';
import { ReadableRecords, RecordReads } from './record-reads.service';

interface Row {
  id: string;
  name: string;
}

class Things extends RecordReads<Row, { q?: string }, { id: string; label: string }> {
  constructor(rows: ReadableRecords<Row, { q?: string }, { id: string; label: string }>) {
    super(rows, (r) => ({ id: r.id, label: r.name.toUpperCase() }));
  }
}

describe('RecordReads', () => {
  const stored: Row[] = [{ id: 'a', name: 'first' }];
  const rows = {
    listPage: jest.fn(async (_query: { q?: string }, map: (r: Row) => { id: string; label: string }) => ({ data: stored.map(map), next_cursor: 'next' })),
    getById: jest.fn(async (id: string) => {
      const row = stored.find((r) => r.id === id);
      if (!row) throw new NotFoundException('Thing not found');
      return row;
    }),
  };
  const things = new Things(rows);

  it('lists a page through the repository, each row as its DTO', async () => {
    await expect(things.list({ q: 'x' })).resolves.toEqual({ data: [{ id: 'a', label: 'FIRST' }], next_cursor: 'next' });
    expect(rows.listPage).toHaveBeenCalledWith({ q: 'x' }, expect.any(Function));
  });

  it('gets one record as its DTO, and passes on the 404 of a record that is not the caller’s', async () => {
    await expect(things.get('a')).resolves.toEqual({ id: 'a', label: 'FIRST' });
    await expect(things.get('b')).rejects.toBeInstanceOf(NotFoundException);
  });
});

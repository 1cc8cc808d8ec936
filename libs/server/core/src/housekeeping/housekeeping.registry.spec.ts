import { Logger } from '@nestjs/common';
import { deleteInChunks, deleteRowsInChunks } from './chunked-delete.util';
import { HousekeepingRegistry } from './housekeeping.registry';
import type { DataSource } from 'typeorm';

describe('HousekeepingRegistry', () => {
  beforeAll(() => jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined));

  it('runs every registered clean-up in order and returns rows deleted by name', async () => {
    const registry = new HousekeepingRegistry();
    const ran: string[] = [];
    registry.register('first', async () => (ran.push('first'), 3));
    registry.register('second', async () => (ran.push('second'), 0));
    expect(registry.names()).toEqual(['first', 'second']);
    expect(await registry.runAll()).toEqual({ first: 3, second: 0 });
    expect(ran).toEqual(['first', 'second']);
  });

  it('refuses a name registered twice', () => {
    const registry = new HousekeepingRegistry();
    registry.register('rows', async () => 0);
    expect(() => registry.register('rows', async () => 0)).toThrow(/registered twice/);
  });

  it('fails the run when a clean-up fails', async () => {
    const registry = new HousekeepingRegistry();
    registry.register('broken', async () => {
      throw new Error('db down');
    });
    await expect(registry.runAll()).rejects.toThrow('db down');
  });
});

describe('chunked deletes', () => {
  it('repeat until a chunk deletes fewer rows than the chunk size', async () => {
    const chunk = jest.fn().mockResolvedValueOnce(2).mockResolvedValueOnce(2).mockResolvedValueOnce(1);
    expect(await deleteInChunks(chunk, 2)).toBe(5);
    expect(chunk.mock.calls).toEqual([[2], [2], [2]]);
  });

  it('pass the chunk as $1 and the parameters after it', async () => {
    const query = jest.fn().mockResolvedValueOnce([[], 2]).mockResolvedValueOnce([[], 0]);
    expect(await deleteRowsInChunks({ query } as unknown as DataSource, 'DELETE … LIMIT $1', [30], 2)).toBe(2);
    expect(query.mock.calls).toEqual([
      ['DELETE … LIMIT $1', [2, 30]],
      ['DELETE … LIMIT $1', [2, 30]],
    ]);
  });
});

import type { EntityManager } from 'typeorm';
import type { FileStorage } from '@clockwork/server-core';
import { StoredFileCleanup, StoredFileCleanupError } from './stored-file-cleanup.service';
import type { QueuedFileDeletion, StoredFileDeletionsRepository } from './stored-file-deletions.repository';

const row = (id: string, over: Partial<QueuedFileDeletion> = {}): QueuedFileDeletion => ({ organization_id: 'o1', id, storage_key: `o1/${id}`, created_at: new Date(0), in_use: false, ...over });

function setup(rows: QueuedFileDeletion[], failing: string[] = []) {
  const manager = {} as EntityManager;
  let pending = [...rows];
  const queue = {
    transaction: jest.fn((work: (m: EntityManager) => unknown) => work(manager)),
    claim: jest.fn(async () => pending.splice(0, pending.length)),
    done: jest.fn(async () => undefined),
    failed: jest.fn(async () => undefined),
  } as unknown as jest.Mocked<StoredFileDeletionsRepository>;
  const storage = {
    delete: jest.fn(async (key: string) => {
      if (failing.includes(key)) throw new Error('storage unavailable');
    }),
  } as unknown as jest.Mocked<FileStorage>;
  pending = [...rows];
  return { cleanup: new StoredFileCleanup(queue, storage), queue, storage };
}

describe('StoredFileCleanup', () => {
  it('removes each queued file, then its row; a key a live attachment names is only dequeued', async () => {
    const { cleanup, queue, storage } = setup([row('a'), row('b', { in_use: true })]);
    await expect(cleanup.run('o1')).resolves.toEqual({ removed: 1, kept: 1, failed: 0 });
    expect(storage.delete.mock.calls).toEqual([['o1/a']]);
    expect(queue.done.mock.calls.map((c) => c[2])).toEqual(['a', 'b']);
  });

  it('keeps the row of a file storage could not remove, with the error, and fails the run so it is retried', async () => {
    const { cleanup, queue } = setup([row('a'), row('b')], ['o1/a']);
    await expect(cleanup.run(null)).rejects.toBeInstanceOf(StoredFileCleanupError);
    expect(queue.failed).toHaveBeenCalledWith(expect.anything(), 'o1', 'a', 'storage unavailable');
    expect(queue.done.mock.calls.map((c) => c[2])).toEqual(['b']);
  });
});

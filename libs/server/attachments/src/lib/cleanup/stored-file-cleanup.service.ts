import { Injectable, Logger } from '@nestjs/common';
import { FileStorage } from '@clockwork/server-core';
import { QueuedFileDeletion, StoredFileDeletionsRepository } from './stored-file-deletions.repository';

/** Rows claimed per transaction. */
export const FILE_CLEANUP_CHUNK = 50;

export interface FileCleanupRun {
  removed: number;
  /** Queue rows dropped without touching storage (a live attachment still names the key). */
  kept: number;
  failed: number;
}

/** Some files could not be removed (their rows stay queued with the error): Bull retries the job. */
export class StoredFileCleanupError extends Error {}

/**
 * Removes the stored files of deleted attachments, in the worker, after the delete committed:
 * each queued row's file is deleted from storage (local disk or S3), then the row. A file a live
 * attachment still names is never removed. A storage failure leaves the row (attempts and error
 * recorded) and fails the run, so the job is retried with backoff; the hourly sweep retries too.
 */
@Injectable()
export class StoredFileCleanup {
  private readonly logger = new Logger('StoredFileCleanup');

  constructor(
    private readonly queue: StoredFileDeletionsRepository,
    private readonly storage: FileStorage,
  ) {}

  async run(organizationId: string | null): Promise<FileCleanupRun> {
    const result: FileCleanupRun = { removed: 0, kept: 0, failed: 0 };
    let after: { at: Date; id: string } | null = null;
    for (;;) {
      const claimed: QueuedFileDeletion[] = [];
      await this.queue.transaction(async (m) => {
        const rows = await this.queue.claim(m, organizationId, FILE_CLEANUP_CHUNK, after);
        claimed.push(...rows);
        for (const row of rows) {
          if (row.in_use) {
            result.kept++;
            await this.queue.done(m, row.organization_id, row.id);
            continue;
          }
          try {
            await this.storage.delete(row.storage_key);
            await this.queue.done(m, row.organization_id, row.id);
            result.removed++;
          } catch (e) {
            result.failed++;
            this.logger.warn(`Stored file ${row.storage_key} of a deleted attachment could not be removed: ${(e as Error).message}`);
            await this.queue.failed(m, row.organization_id, row.id, (e as Error).message);
          }
        }
      });
      if (claimed.length < FILE_CLEANUP_CHUNK) break;
      // Failed rows stay queued: the next chunk starts after the last row claimed.
      const last = claimed[claimed.length - 1];
      after = { at: last.created_at, id: last.id };
    }
    if (result.removed + result.failed > 0) this.logger.log(`Stored files of deleted attachments: ${result.removed} removed, ${result.kept} kept (still in use), ${result.failed} failed`);
    if (result.failed > 0) throw new StoredFileCleanupError(`${result.failed} stored files could not be removed; they stay queued`);
    return result;
  }
}

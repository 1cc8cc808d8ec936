import { Processor } from '@nestjs/bull';
import { GatedProcess } from '@clockwork/server-core';
import { QUEUES, STORED_FILE_CLEANUP_JOB, StoredFileCleanupJobData } from '@clockwork/shared-jobs';
import type { Job } from 'bull';
import { FileCleanupRun, StoredFileCleanup } from './stored-file-cleanup.service';

/** Thin processor: a run for one organization (after a delete) or for all (the sweep). */
@Processor(QUEUES.storedFiles)
export class StoredFileCleanupProcessor {
  constructor(private readonly cleanup: StoredFileCleanup) {}

  @GatedProcess(QUEUES.storedFiles, { name: STORED_FILE_CLEANUP_JOB, concurrency: 1 })
  run(job: Job<StoredFileCleanupJobData>): Promise<FileCleanupRun> {
    return this.cleanup.run(job.data?.organizationId ?? null);
  }
}

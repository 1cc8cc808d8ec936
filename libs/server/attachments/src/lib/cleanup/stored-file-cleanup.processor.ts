import { Process, Processor } from '@nestjs/bull';
import { JobGate } from '@clockwork/server-core';
import { QUEUES, STORED_FILE_CLEANUP_JOB, StoredFileCleanupJobData } from '@clockwork/shared-jobs';
import type { Job } from 'bull';
import { FileCleanupRun, StoredFileCleanup } from './stored-file-cleanup.service';

/** Thin processor: a run for one organization (after a delete) or for all (the sweep). */
@Processor(QUEUES.storedFiles)
export class StoredFileCleanupProcessor {
  constructor(
    private readonly cleanup: StoredFileCleanup,
    private readonly gate: JobGate,
  ) {}

  @Process({ name: STORED_FILE_CLEANUP_JOB, concurrency: 1 })
  async run(job: Job<StoredFileCleanupJobData>): Promise<FileCleanupRun> {
    await this.gate.admit(QUEUES.storedFiles, job);
    return this.cleanup.run(job.data?.organizationId ?? null);
  }
}

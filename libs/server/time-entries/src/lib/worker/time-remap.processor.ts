import { OnQueueFailed, Processor } from '@nestjs/bull';
import { Logger } from '@nestjs/common';
import { GatedProcess, onJobFailed } from '@clockwork/server-core';
import { QUEUES, TimeRemapJobData } from '@clockwork/shared-jobs';
import type { Job } from 'bull';
import { ReviewQueueRemapper } from '../review/review-queue-remapper.service';

/** Thin Bull processor: job -> remapper. */
@Processor(QUEUES.timeRemap)
export class TimeRemapProcessor {
  private readonly logger = new Logger(TimeRemapProcessor.name);

  constructor(private readonly remapper: ReviewQueueRemapper) {}

  @GatedProcess(QUEUES.timeRemap, { concurrency: 1 })
  handle(job: Job<TimeRemapJobData>): Promise<{ scanned: number; mapped: number }> {
    return this.remapper.remap(job.data.organizationId);
  }

  /** Entries mapped by committed chunks stay mapped; the next rule change re-runs the whole queue. */
  @OnQueueFailed()
  failed(job: Job<TimeRemapJobData>, error: Error): Promise<void> {
    return onJobFailed(job, error, {
      log: (last) => this.logger[last ? 'error' : 'warn'](`Re-mapping the review queue of ${job.data.organizationId}, attempt ${job.attemptsMade}${last ? ' (last)' : ''}: ${error.message}`),
    });
  }
}

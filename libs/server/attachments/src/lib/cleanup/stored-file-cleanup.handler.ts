import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DomainEvent, DomainEventType, OnDomainEvent, scheduleEvery } from '@clockwork/server-core';
import { QUEUES, STORED_FILE_CLEANUP_JOB, StoredFileCleanupJobData } from '@clockwork/shared-jobs';
import type { JobOptions, Queue } from 'bull';

/** The deletes that can take attachments with them (the rows cascade; their files are queued by a trigger). */
export const FILE_CLEANUP_EVENTS = ['account.deleted', 'contact.deleted', 'deal.deleted', 'task.deleted', 'contact.erased'] as const satisfies readonly DomainEventType[];

/** Every hour, whatever is still queued (a run whose retries all failed, a delete that announced no event). */
export const FILE_CLEANUP_SWEEP_MS = 60 * 60 * 1000;

/** Storage can be down for a while: retries back off from 1 s to about 4 minutes. */
export const FILE_CLEANUP_JOB_OPTIONS: JobOptions = { attempts: 9, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: true, removeOnFail: 100 };

/**
 * Wakes the stored-file clean-up after a parent's delete committed: the delete's outbox event
 * (handled after commit) adds a run for its organization. At worker start: the hourly sweep of
 * every organization, and one run now.
 */
@Injectable()
export class StoredFileCleanupHandler implements OnApplicationBootstrap {
  private readonly logger = new Logger('StoredFileCleanup');

  constructor(@InjectQueue(QUEUES.storedFiles) private readonly queue: Queue<StoredFileCleanupJobData>) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      await scheduleEvery(this.queue, STORED_FILE_CLEANUP_JOB, FILE_CLEANUP_SWEEP_MS, 24);
      await this.queue.add(STORED_FILE_CLEANUP_JOB, {}, FILE_CLEANUP_JOB_OPTIONS);
    } catch (e) {
      this.logger.warn(`Could not schedule the stored-file clean-up: ${(e as Error).message}`);
    }
  }

  @OnDomainEvent(FILE_CLEANUP_EVENTS)
  async enqueue(event: DomainEvent): Promise<void> {
    await this.queue.add(STORED_FILE_CLEANUP_JOB, { organizationId: event.organizationId }, FILE_CLEANUP_JOB_OPTIONS);
  }
}

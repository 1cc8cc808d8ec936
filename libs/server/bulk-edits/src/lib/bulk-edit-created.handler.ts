import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DomainEvent, OnDomainEvent } from '@clockwork/server-core';
import { BulkEditJobData, QUEUES } from '@clockwork/shared-jobs';
import type { JobOptions, Queue } from 'bull';
import { BulkEditsRepository } from './bulk-edits.repository';

/** Retries resume after the last committed batch. */
export const BULK_EDIT_JOB_OPTIONS: JobOptions = { attempts: 5, backoff: { type: 'exponential', delay: 2000 }, removeOnComplete: 1000, removeOnFail: 1000 };

/**
 * Turns `bulk_edit.created` into a job on the bulk-edits queue (job id = bulk edit id, so a
 * second delivery adds nothing); at worker start, every unfinished bulk edit is enqueued again
 * (Bull ignores those it still holds) and resumes where it stopped.
 */
@Injectable()
export class BulkEditCreatedHandler implements OnApplicationBootstrap {
  private readonly logger = new Logger(BulkEditCreatedHandler.name);

  constructor(
    @InjectQueue(QUEUES.bulkEdits) private readonly queue: Queue<BulkEditJobData>,
    private readonly edits: BulkEditsRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      for (const e of await this.edits.unfinished()) await this.add(e.organization_id, e.id);
    } catch (e) {
      this.logger.warn(`Could not re-enqueue unfinished bulk edits: ${(e as Error).message}`);
    }
  }

  @OnDomainEvent('bulk_edit.created')
  async enqueue(event: DomainEvent): Promise<void> {
    if (event.aggregateId) await this.add(event.organizationId, event.aggregateId);
  }

  private async add(organizationId: string, bulkEditId: string): Promise<void> {
    await this.queue.add({ organizationId, bulkEditId }, { ...BULK_EDIT_JOB_OPTIONS, jobId: bulkEditId });
  }
}

import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DomainEvent, OnDomainEvent } from '@clockwork/server-core';
import { ImportJobData, QUEUES } from '@clockwork/shared-jobs';
import type { JobOptions, Queue } from 'bull';
import { ImportJobsRepository } from './import-jobs.repository';

/** Retries resume after the last committed batch, so a few are cheap. */
export const IMPORT_JOB_OPTIONS: JobOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: 1000,
  removeOnFail: 1000,
};

/**
 * Turns `import.created` (recorded with the import by the api) into a job on the imports queue,
 * job id = import id, so a second delivery adds nothing. On start, the worker also enqueues
 * every unfinished import again (Bull ignores those it still holds): an import whose job Redis
 * lost is picked up, and the run resumes where it stopped.
 */
@Injectable()
export class ImportCreatedHandler implements OnApplicationBootstrap {
  private readonly logger = new Logger(ImportCreatedHandler.name);

  constructor(
    @InjectQueue(QUEUES.imports) private readonly queue: Queue<ImportJobData>,
    private readonly jobs: ImportJobsRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      for (const i of await this.jobs.unfinished()) await this.add(i.organization_id, i.id);
    } catch (e) {
      this.logger.warn(`Could not re-enqueue unfinished imports: ${(e as Error).message}`);
    }
  }

  @OnDomainEvent('import.created')
  async enqueue(event: DomainEvent): Promise<void> {
    if (event.aggregateId) await this.add(event.organizationId, event.aggregateId);
  }

  private async add(organizationId: string, importId: string): Promise<void> {
    await this.queue.add({ organizationId, importId }, { ...IMPORT_JOB_OPTIONS, jobId: importId });
  }
}

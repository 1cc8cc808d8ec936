import { InjectQueue, Processor } from '@nestjs/bull';
import { Logger } from '@nestjs/common';
import { DomainEventBatchJob, DomainEventJob, isDomainEventBatchJob, QUEUES } from '@clockwork/shared-jobs';
import type { Job, Queue } from 'bull';
import { GatedProcess } from '../redis/job-gate.decorators';
import { DomainEventDispatcher, DispatchResult } from './domain-event-dispatcher.service';

/** Batches are handled in one transaction each: a few at a time keep the database pool free for the rest of the worker. */
const CONCURRENCY = 4;

/** What a batch job leaves in Bull: counts, and the events that went on in jobs of their own. */
export interface BatchJobResult {
  processed: number;
  duplicate: number;
  failed: string[];
}

/**
 * Thin Bull processor: job -> dispatcher, like a controller for the queue. An event of a batch
 * that did not commit goes on in a job of its own (job id = event id, the queue's retries and
 * backoff), as if it had been relayed alone: it is retried, and parked in the failed set after
 * the last attempt, while the rest of its batch is done.
 */
@Processor(QUEUES.domainEvents)
export class DomainEventsProcessor {
  private readonly logger = new Logger(DomainEventsProcessor.name);

  constructor(
    private readonly dispatcher: DomainEventDispatcher,
    @InjectQueue(QUEUES.domainEvents) private readonly queue: Queue<DomainEventJob | DomainEventBatchJob>,
  ) {}

  @GatedProcess(QUEUES.domainEvents, { concurrency: CONCURRENCY })
  async handle(job: Job<DomainEventJob | DomainEventBatchJob>): Promise<DispatchResult | BatchJobResult> {
    if (!isDomainEventBatchJob(job.data)) return this.dispatcher.dispatch(job.data.organizationId, job.data.eventId);
    const { organizationId, eventIds } = job.data;
    const result = await this.dispatcher.dispatchBatch(organizationId, eventIds);
    if (result.failed.length > 0) {
      this.logger.warn(`${result.failed.length} of ${eventIds.length} events failed and go on alone: ${result.failed.map((f) => `${f.eventId} (${f.error.message})`).join(', ')}`);
      await this.queue.addBulk(result.failed.map((f) => ({ data: { organizationId, eventId: f.eventId }, opts: { jobId: f.eventId } })));
    }
    return { processed: result.processed, duplicate: result.duplicate, failed: result.failed.map((f) => f.eventId) };
  }
}

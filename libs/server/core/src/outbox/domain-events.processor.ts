import { Process, Processor } from '@nestjs/bull';
import { DomainEventJob, QUEUES } from '@clockwork/shared-jobs';
import type { Job } from 'bull';
import { DomainEventDispatcher, DispatchResult } from './domain-event.dispatcher';

/** Thin Bull processor: job -> dispatcher, like a controller for the queue. */
@Processor(QUEUES.domainEvents)
export class DomainEventsProcessor {
  constructor(private readonly dispatcher: DomainEventDispatcher) {}

  @Process({ concurrency: 8 })
  handle(job: Job<DomainEventJob>): Promise<DispatchResult> {
    return this.dispatcher.dispatch(job.data.organizationId, job.data.eventId);
  }
}

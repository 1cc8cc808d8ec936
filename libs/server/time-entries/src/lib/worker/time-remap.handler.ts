import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import { DomainEvent, eventsOf, OnDomainEvent, withTimeout } from '@clockwork/server-core';
import { QUEUES, TimeRemapJobData } from '@clockwork/shared-jobs';
import type { JobOptions, Queue } from 'bull';

/** A re-mapping starts over from the first chunk, so a few retries are cheap. */
export const TIME_REMAP_JOB_OPTIONS: JobOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: true,
  removeOnFail: true,
};

const ENQUEUE_TIMEOUT_MS = 5000;


/**
 * Turns `mapping_rule.created|updated|deleted` into one re-mapping job per organization. The
 * event is the durable record (outbox): when Redis cannot take the job, the handler throws and
 * the event is processed again later. Jobs are deduplicated by organization: a change joins a
 * job that is still waiting; a job already running may have read the rules before the change,
 * so the change then queues a second one (itself deduplicated) behind it.
 */
@Injectable()
export class TimeRemapHandler {
  constructor(@InjectQueue(QUEUES.timeRemap) private readonly queue: Queue<TimeRemapJobData>) {}

  @OnDomainEvent(eventsOf('mapping_rule'))
  enqueue(event: Pick<DomainEvent, 'id' | 'organizationId'>): Promise<void> {
    return withTimeout(this.add(event), ENQUEUE_TIMEOUT_MS, 'enqueueing the review-queue re-mapping');
  }

  private async add(event: Pick<DomainEvent, 'id' | 'organizationId'>): Promise<void> {
    const data = { organizationId: event.organizationId };
    for (const jobId of [`remap-${event.organizationId}`, `remap-${event.organizationId}-next`]) {
      const job = await this.queue.getJob(jobId);
      const state = job ? await job.getState() : null;
      if (state === 'active') continue;
      if (job && (state === 'completed' || state === 'failed')) await job.remove();
      await this.queue.add(data, { ...TIME_REMAP_JOB_OPTIONS, jobId });
      return;
    }
    // Both running (two workers): this change gets a job of its own.
    await this.queue.add(data, { ...TIME_REMAP_JOB_OPTIONS, jobId: `remap-${event.organizationId}-${event.id}` });
  }
}

/** The payload of a job on the domain-events queue: a pointer to one outbox row. */
export interface DomainEventJob {
  eventId: string;
  organizationId: string;
  /** The event's type, when known (for the queue board). */
  type?: string;
}

/** A job on the domain-events queue that points to several outbox rows of one organization (oldest first). */
export interface DomainEventBatchJob {
  organizationId: string;
  eventIds: string[];
}

export const isDomainEventBatchJob = (data: DomainEventJob | DomainEventBatchJob): data is DomainEventBatchJob => Array.isArray((data as DomainEventBatchJob).eventIds);

/** The payload of a job on the domain-events queue: a pointer to the outbox row. */
export interface DomainEventJob {
  eventId: string;
  organizationId: string;
  type: string;
}

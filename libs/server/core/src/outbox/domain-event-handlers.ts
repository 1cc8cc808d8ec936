import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export interface DomainEvent {
  id: string;
  organizationId: string;
  type: string;
  aggregateType: string;
  aggregateId: string | null;
  payload: Record<string, unknown>;
  createdAt: Date;
}

/** Runs inside the transaction that marks the event processed: its writes commit exactly once. */
export type DomainEventHandler = (event: DomainEvent, manager: EntityManager) => Promise<void>;

/**
 * Takes every matching event of a batch at once (one organization, oldest first), inside the
 * transaction that marks them all processed: one statement for the batch instead of one per event.
 */
export type DomainEventBatchHandler = (events: DomainEvent[], manager: EntityManager) => Promise<void>;

type Registration = { pattern: string; each: DomainEventHandler } | { pattern: string; batch: DomainEventBatchHandler };

const matches = (pattern: string, type: string) =>
  pattern === '*' || pattern === type || (pattern.endsWith('.*') && type.startsWith(pattern.slice(0, -1)));

/**
 * Where domain modules subscribe to events (`deal.*`, `task.created`, `*`). Modules register
 * their handlers in onModuleInit; the worker's events processor calls them.
 */
@Injectable()
export class DomainEventHandlers {
  private readonly registrations: Registration[] = [];

  register(pattern: string, handler: DomainEventHandler): () => void {
    return this.add({ pattern, each: handler });
  }

  /** A handler that is given all the matching events of a batch in one call. */
  registerBatch(pattern: string, handler: DomainEventBatchHandler): () => void {
    return this.add({ pattern, batch: handler });
  }

  /** The one-event handlers of a type, in registration order. */
  for(type: string): DomainEventHandler[] {
    return this.registrations.flatMap((r) => ('each' in r && matches(r.pattern, type) ? [r.each] : []));
  }

  /**
   * Runs every handler, in registration order, on the events (oldest first): a batch handler
   * once with the events it matches, any other once per matching event.
   */
  async handle(events: DomainEvent[], manager: EntityManager): Promise<void> {
    for (const r of [...this.registrations]) {
      const matching = events.filter((e) => matches(r.pattern, e.type));
      if (matching.length === 0) continue;
      if ('batch' in r) await r.batch(matching, manager);
      else for (const event of matching) await r.each(event, manager);
    }
  }

  private add(registration: Registration): () => void {
    this.registrations.push(registration);
    return () => {
      const at = this.registrations.indexOf(registration);
      if (at >= 0) this.registrations.splice(at, 1);
    };
  }
}

import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { DomainEventType } from './domain-event.catalogue';

export interface DomainEvent {
  id: string;
  organizationId: string;
  type: string;
  aggregateType: string;
  aggregateId: string | null;
  payload: Record<string, unknown>;
  createdAt: Date;
}

/** What a handler may ask of the transaction it runs in. */
export interface DomainEventTransaction {
  /** Runs `work` once this transaction has committed (not when it rolls back), e.g. to wake a relay. */
  afterCommit(work: () => void): void;
}

/** Runs inside the transaction that marks the event processed: its writes commit exactly once. */
export type DomainEventHandler = (event: DomainEvent, manager: EntityManager, tx: DomainEventTransaction) => Promise<void>;

/**
 * Takes every matching event of a batch at once (one organization, oldest first), inside the
 * transaction that marks them all processed: one statement for the batch instead of one per event.
 */
export type DomainEventBatchHandler = (events: DomainEvent[], manager: EntityManager, tx: DomainEventTransaction) => Promise<void>;

export interface DomainEventRegistrationOptions {
  /** Lower runs first (default 0); equal orders run in registration order. */
  order?: number;
  /** Who handles, for logs and docs (`Class.method`). */
  name?: string;
}

/** One subscription as registered: its events, order and name. */
export interface DomainEventRegistration {
  events: ReadonlySet<string>;
  order: number;
  name: string;
  batch: boolean;
}

type Registration = DomainEventRegistration & ({ each: DomainEventHandler } | { run: DomainEventBatchHandler });

/**
 * Which handler gets which event. Handler classes declare `@OnDomainEvent(...)` on a method and
 * DomainEventExplorer registers them at start-up; `register`/`registerBatch` are the same thing
 * by hand (tests). The worker's events processor calls `handle`.
 */
@Injectable()
export class DomainEventHandlers {
  private readonly registrations: Registration[] = [];

  register(events: DomainEventType | readonly DomainEventType[], handler: DomainEventHandler, options: DomainEventRegistrationOptions = {}): () => void {
    return this.add({ ...this.describe(events, options, false), each: handler });
  }

  /** A handler that is given all the matching events of a batch in one call. */
  registerBatch(events: DomainEventType | readonly DomainEventType[], handler: DomainEventBatchHandler, options: DomainEventRegistrationOptions = {}): () => void {
    return this.add({ ...this.describe(events, options, true), run: handler });
  }

  /** The one-event handlers of a type, in the order they run. */
  for(type: string): DomainEventHandler[] {
    return this.registrations.flatMap((r) => ('each' in r && r.events.has(type) ? [r.each] : []));
  }

  /** Every registration, in the order they run. */
  list(): DomainEventRegistration[] {
    return this.registrations.map(({ events, order, name, batch }) => ({ events, order, name, batch }));
  }

  /**
   * Runs every handler, in order, on the events (oldest first): a batch handler once with the
   * events it matches, any other once per matching event. Returns the work handlers asked to
   * run once the transaction has committed.
   */
  async handle(events: DomainEvent[], manager: EntityManager): Promise<(() => void)[]> {
    const afterCommit: (() => void)[] = [];
    const tx: DomainEventTransaction = { afterCommit: (work) => void afterCommit.push(work) };
    for (const r of [...this.registrations]) {
      const matching = events.filter((e) => r.events.has(e.type));
      if (matching.length === 0) continue;
      if ('run' in r) await r.run(matching, manager, tx);
      else for (const event of matching) await r.each(event, manager, tx);
    }
    return afterCommit;
  }

  private describe(events: DomainEventType | readonly DomainEventType[], options: DomainEventRegistrationOptions, batch: boolean): DomainEventRegistration {
    const names = typeof events === 'string' ? [events] : [...events];
    return { events: new Set(names), order: options.order ?? 0, name: options.name ?? `(${names.join(', ')})`, batch };
  }

  private add(registration: Registration): () => void {
    // After every registration of its order or lower: equal orders keep registration order.
    const at = this.registrations.findIndex((r) => r.order > registration.order);
    this.registrations.splice(at < 0 ? this.registrations.length : at, 0, registration);
    return () => {
      const i = this.registrations.indexOf(registration);
      if (i >= 0) this.registrations.splice(i, 1);
    };
  }
}

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

const matches = (pattern: string, type: string) =>
  pattern === '*' || pattern === type || (pattern.endsWith('.*') && type.startsWith(pattern.slice(0, -1)));

/**
 * Where domain modules subscribe to events (`deal.*`, `task.created`, `*`). Modules register
 * their handlers in onModuleInit; the worker's events processor calls them.
 */
@Injectable()
export class DomainEventHandlers {
  private readonly handlers: { pattern: string; handler: DomainEventHandler }[] = [];

  register(pattern: string, handler: DomainEventHandler): () => void {
    const entry = { pattern, handler };
    this.handlers.push(entry);
    return () => this.handlers.splice(this.handlers.indexOf(entry), 1);
  }

  for(type: string): DomainEventHandler[] {
    return this.handlers.filter((h) => matches(h.pattern, type)).map((h) => h.handler);
  }
}

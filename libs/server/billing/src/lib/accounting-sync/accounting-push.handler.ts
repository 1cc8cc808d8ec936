import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import { DomainEvent, DomainEventTransaction, Env, OnDomainEvent } from '@clockwork/server-core';
import { ACCOUNTING_PUSH_JOB, AccountingPushJob, QUEUES } from '@clockwork/shared-jobs';
import type { Queue } from 'bull';
import { EntityManager } from 'typeorm';
import { AccountingConnectionsRepository } from './accounting-connections.repository';
import { AccountingPushesRepository } from './accounting-pushes.repository';

/**
 * `invoice.issued` -> one push per connected accounting system, written in the transaction
 * that marks the event processed (a replayed event adds none), then after commit one Bull job
 * per push (job id = push id) retried with exponential backoff (ACCOUNTING_PUSH_ATTEMPTS,
 * ACCOUNTING_PUSH_BACKOFF_MS). A push whose job was lost (Redis down) is enqueued again by the
 * read-back tick.
 */
@Injectable()
export class AccountingPushHandler {
  constructor(
    private readonly connections: AccountingConnectionsRepository,
    private readonly pushes: AccountingPushesRepository,
    @InjectQueue(QUEUES.accountingSync) private readonly queue: Queue<AccountingPushJob>,
    private readonly env: Env,
  ) {}

  @OnDomainEvent('invoice.issued')
  async handle(event: DomainEvent, manager: EntityManager, tx: DomainEventTransaction): Promise<void> {
    if (!event.aggregateId) return;
    const connected = await this.connections.connected(manager, event.organizationId);
    const created = await this.pushes.createPending(manager, event.organizationId, event.aggregateId, connected.map((c) => c.id));
    if (created.length) tx.afterCommit(() => this.enqueue(created.map((p) => ({ organizationId: p.organization_id, pushId: p.id }))));
  }

  /** Enqueues again the pending pushes untouched for a minute past their longest backoff; an existing job of the same id makes this a no-op. */
  async requeueStale(manager: EntityManager): Promise<number> {
    const stale = await this.pushes.stalePending(manager, 60_000 + this.env.ACCOUNTING_PUSH_BACKOFF_MS * 2 ** this.env.ACCOUNTING_PUSH_ATTEMPTS);
    await this.enqueue(stale.map((p) => ({ organizationId: p.organization_id, pushId: p.id })));
    return stale.length;
  }

  async enqueue(jobs: AccountingPushJob[]): Promise<void> {
    const options = { attempts: this.env.ACCOUNTING_PUSH_ATTEMPTS, backoff: { type: 'exponential', delay: this.env.ACCOUNTING_PUSH_BACKOFF_MS }, removeOnComplete: 1000, removeOnFail: 1000 };
    await Promise.all(jobs.map((data) => this.queue.add(ACCOUNTING_PUSH_JOB, data, { ...options, jobId: data.pushId })));
  }
}

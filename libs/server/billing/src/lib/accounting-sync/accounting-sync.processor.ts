import { Processor } from '@nestjs/bull';
import { GatedProcess } from '@clockwork/server-core';
import { ACCOUNTING_PUSH_JOB, ACCOUNTING_READ_PAID_JOB, AccountingPushJob, QUEUES } from '@clockwork/shared-jobs';
import type { Job } from 'bull';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccountingPaidReader, PaidReadResult } from './accounting-paid-reader.service';
import { AccountingPushHandler } from './accounting-push.handler';
import { AccountingPushRunner, PushOutcome } from './accounting-push-runner.service';

/** Thin processor of the accounting-sync queue: one push attempt, or the repeatable tick (lost push jobs enqueued again, paid statuses read back). */
@Processor(QUEUES.accountingSync)
export class AccountingSyncProcessor {
  constructor(
    private readonly runner: AccountingPushRunner,
    private readonly reader: AccountingPaidReader,
    private readonly handler: AccountingPushHandler,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @GatedProcess(QUEUES.accountingSync, { name: ACCOUNTING_PUSH_JOB, concurrency: 4 })
  push(job: Job<AccountingPushJob>): Promise<PushOutcome> {
    const attempt = job.attemptsMade + 1;
    return this.runner.attempt(job.data.organizationId, job.data.pushId, attempt, attempt >= (job.opts.attempts ?? 1));
  }

  @GatedProcess(QUEUES.accountingSync, { name: ACCOUNTING_READ_PAID_JOB, concurrency: 1 })
  async readPaid(_job: Job): Promise<PaidReadResult & { requeued: number }> {
    const requeued = await this.handler.requeueStale(this.dataSource.manager);
    return { ...(await this.reader.readAll()), requeued };
  }
}

import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { repeatableJob } from '@clockwork/server-core';
import { ACCOUNTING_READ_PAID_JOB, QUEUES } from '@clockwork/shared-jobs';
import { ExchangeRatesRepository } from '../exchange-rates/exchange-rates.repository';
import { InvoicesRepository } from '../invoices/invoices.repository';
import { DealBillingRepository } from '../billing-models/deal-billing.repository';
import { ModelInvoiceService } from '../billing-models/model-invoice.service';
import { InvoicesService } from '../invoices/invoices.service';
import { AccountingConnectionsRepository } from './accounting-connections.repository';
import { AccountingPaidReader } from './accounting-paid-reader.service';
import { AccountingPushHandler } from './accounting-push.handler';
import { AccountingPushRunner } from './accounting-push-runner.service';
import { AccountingPushesRepository } from './accounting-pushes.repository';
import { AccountingSyncProcessor } from './accounting-sync.processor';
import { AccountingTokens } from './accounting-tokens.store';
import { GenericOAuthProvider } from './generic-oauth.client';

/**
 * Worker side of connected accounting: `invoice.issued` -> pushes (AccountingPushHandler), their
 * Bull jobs with retries and backoff, and the repeatable paid-status read-back
 * (ACCOUNTING_READ_INTERVAL_SECONDS).
 */
@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.accountingSync })],
  providers: [
    GenericOAuthProvider,
    AccountingTokens,
    AccountingConnectionsRepository,
    AccountingPushesRepository,
    AccountingPushHandler,
    AccountingPushRunner,
    AccountingPaidReader,
    AccountingSyncProcessor,
    InvoicesService,
    InvoicesRepository,
    ExchangeRatesRepository,
    ModelInvoiceService,
    DealBillingRepository,
    repeatableJob({ queue: QUEUES.accountingSync, job: ACCOUNTING_READ_PAID_JOB, everyMs: (env) => env.ACCOUNTING_READ_INTERVAL_SECONDS * 1000, what: 'the accounting paid read-back', keep: 30 }),
  ],
})
export class AccountingSyncWorkerModule {}

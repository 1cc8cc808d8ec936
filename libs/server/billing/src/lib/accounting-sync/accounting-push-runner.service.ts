import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { RequestContext } from '@clockwork/server-core';
import type { InvoiceEventPayload } from '@clockwork/shared-dto';
import { DataSource } from 'typeorm';
import { invoiceEventPayload } from '../invoices/invoice-event.mapper';
import { InvoicesRepository } from '../invoices/invoices.repository';
import { InvoicesService } from '../invoices/invoices.service';
import { ProviderError } from './accounting-provider.types';
import { AccountingPushesRepository, AccountingPushRow } from './accounting-pushes.repository';
import { AccountingTokens } from './accounting-tokens.store';

export type PushOutcome = 'succeeded' | 'retry' | 'failed' | 'skipped';

/** Thrown so Bull retries the job with its backoff; the attempt is already logged. */
export class PushRetry extends Error {
  override readonly name = 'PushRetry';
}

/**
 * One attempt of a push (a Bull job): the invoice with its lines and customer sent to the
 * provider with a usable access token (refreshed before expiry, and once more after a 401),
 * the attempt appended to the push's log. A retryable failure (network, 5xx, 429) throws
 * PushRetry so Bull tries again with backoff until the last attempt, which marks it failed.
 */
@Injectable()
export class AccountingPushRunner {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly pushes: AccountingPushesRepository,
    private readonly tokens: AccountingTokens,
    private readonly invoices: InvoicesService,
    private readonly invoiceRows: InvoicesRepository,
    private readonly context: RequestContext,
  ) {}

  async attempt(organizationId: string, pushId: string, attempt: number, last: boolean): Promise<PushOutcome> {
    const push = await this.pushes.lock(this.dataSource.manager, organizationId, pushId);
    if (!push || push.state !== 'pending') return 'skipped';
    const at = new Date().toISOString();
    try {
      const payload = await this.payload(push);
      const { externalId } = await this.send(push, payload);
      await this.dataSource.transaction((m) => this.pushes.recordAttempt(m, push, { attempt, at, succeeded: true, status_code: 201, error: null }, 'succeeded', externalId));
      return 'succeeded';
    } catch (e) {
      const error = e instanceof ProviderError ? e : new ProviderError((e as Error).message, null, true);
      const retry = error.retryable && !last;
      await this.dataSource.transaction((m) => this.pushes.recordAttempt(m, push, { attempt, at, succeeded: false, status_code: error.statusCode, error: error.message.slice(0, 500) }, retry ? 'pending' : 'failed', null));
      if (retry) throw new PushRetry(error.message);
      return 'failed';
    }
  }

  /** What `invoice.issued` carries, read now (the invoice as the CRM holds it). */
  private payload(push: AccountingPushRow): Promise<InvoiceEventPayload> {
    const principal = { kind: 'integration' as const, id: push.connection_id, organizationId: push.organization_id, role: 'admin' as const };
    return this.context.runAs(principal, async () => {
      const invoice = await this.invoices.get(push.invoice_id);
      return invoiceEventPayload(invoice, await this.invoiceRows.customerOf(this.dataSource.manager, { accountId: invoice.account_id, customerName: invoice.customer_name }));
    });
  }

  private async send(push: AccountingPushRow, payload: InvoiceEventPayload): Promise<{ externalId: string }> {
    const { row, accessToken } = await this.tokens.accessToken(push.organization_id, push.connection_id);
    try {
      return await this.tokens.provider.pushInvoice(this.tokens.settings(row), accessToken, payload);
    } catch (e) {
      if (!(e instanceof ProviderError) || e.statusCode !== 401) throw e;
      const fresh = await this.tokens.accessToken(push.organization_id, push.connection_id, true);
      return this.tokens.provider.pushInvoice(this.tokens.settings(fresh.row), fresh.accessToken, payload);
    }
  }
}

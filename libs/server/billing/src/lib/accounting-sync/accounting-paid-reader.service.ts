import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { RequestContext } from '@clockwork/server-core';
import { DataSource } from 'typeorm';
import { InvoicesService } from '../invoices/invoices.service';
import { AccountingConnectionRow, AccountingConnectionsRepository } from './accounting-connections.repository';
import { AccountingPushesRepository } from './accounting-pushes.repository';
import { AccountingTokens } from './accounting-tokens.store';

export interface PaidReadResult {
  read: number;
  markedPaid: number;
  failed: number;
}

/**
 * The repeatable read-back: for every connected accounting system, the paid status of each
 * pushed, not yet paid invoice; one the provider reports paid is marked paid in the CRM
 * (`POST /invoices/{id}/pay` rules: audited, `invoice.paid`) as the connection (actor type
 * integration), unless a user marked it paid already.
 */
@Injectable()
export class AccountingPaidReader {
  private readonly logger = new Logger('AccountingPaidReader');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly connections: AccountingConnectionsRepository,
    private readonly pushes: AccountingPushesRepository,
    private readonly tokens: AccountingTokens,
    private readonly invoices: InvoicesService,
    private readonly context: RequestContext,
  ) {}

  async readAll(): Promise<PaidReadResult> {
    const total: PaidReadResult = { read: 0, markedPaid: 0, failed: 0 };
    for (const connection of await this.connections.withUnpaidPushes(this.dataSource.manager)) {
      try {
        const r = await this.readConnection(connection);
        total.read += r.read;
        total.markedPaid += r.markedPaid;
        total.failed += r.failed;
      } catch (e) {
        total.failed += 1;
        this.logger.warn(`Paid read-back of connection ${connection.id} failed: ${(e as Error).message}`);
      }
    }
    return total;
  }

  private async readConnection(connection: AccountingConnectionRow): Promise<PaidReadResult> {
    const result: PaidReadResult = { read: 0, markedPaid: 0, failed: 0 };
    const { row, accessToken } = await this.tokens.accessToken(connection.organization_id, connection.id);
    const principal = { kind: 'integration' as const, id: connection.id, organizationId: connection.organization_id, role: 'admin' as const };
    for (const push of await this.pushes.unpaid(this.dataSource.manager, connection.organization_id, connection.id)) {
      try {
        const status = await this.tokens.provider.readStatus(this.tokens.settings(row), accessToken, push.external_id as string);
        result.read += 1;
        if (status.paid) {
          await this.context.runAs(principal, async () => {
            const invoice = await this.invoices.get(push.invoice_id);
            if (invoice.status === 'issued') {
              const paidAt = status.paidAt && !Number.isNaN(Date.parse(status.paidAt)) ? new Date(status.paidAt).toISOString() : undefined;
              await this.invoices.pay(push.invoice_id, { paid_at: paidAt });
              result.markedPaid += 1;
            }
          });
        }
        await this.dataSource.transaction((m) => this.pushes.recordStatus(m, push, status.status, status.paid));
      } catch (e) {
        result.failed += 1;
        this.logger.warn(`Reading invoice ${push.external_id} of connection ${connection.id} failed: ${(e as Error).message}`);
      }
    }
    return result;
  }
}

import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { RequestContext } from '@clockwork/server-core';
import type { AccountingPushDto, AccountingPushListDto } from '@clockwork/shared-dto';
import { DataSource } from 'typeorm';
import { AccountingConnectionsRepository } from './accounting-connections.repository';
import { AccountingPushesRepository, AccountingPushRow } from './accounting-pushes.repository';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export const toPushDto = (p: AccountingPushRow): AccountingPushDto => ({
  id: p.id,
  invoice_id: p.invoice_id,
  invoice_number: p.invoice_number ?? null,
  state: p.state,
  attempts: p.attempts,
  attempt_log: p.attempt_log,
  last_error: p.last_error,
  external_id: p.external_id,
  external_status: p.external_status,
  paid_read_at: iso(p.paid_read_at),
  created_at: iso(p.created_at) as string,
  updated_at: iso(p.updated_at) as string,
});

/** The push log of a connection (newest 100), like a webhook subscription's deliveries. */
@Injectable()
export class AccountingPushesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly connections: AccountingConnectionsRepository,
    private readonly pushes: AccountingPushesRepository,
    private readonly context: RequestContext,
  ) {}

  async list(provider: string): Promise<AccountingPushListDto> {
    const org = this.context.organizationId;
    const connection = await this.connections.byProvider(this.dataSource.manager, org, provider);
    if (!connection) throw new NotFoundException(`No ${provider} accounting connection`);
    return { data: (await this.pushes.log(this.dataSource.manager, org, connection.id, 100)).map(toPushDto) };
  }
}

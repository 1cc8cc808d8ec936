import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditWriter, Env } from '@clockwork/server-core';
import type { DemoDataCountsDto, DemoDataResultDto, DemoDataStatusDto } from '@clockwork/shared-dto';
import { DataSource } from 'typeorm';
import { DemoDataRepository } from './demo-data.repository';
import { DEMO_ACCOUNTS, DEMO_CONTACTS, DEMO_DEALS, DEMO_MARKER, DEMO_RATES, DEMO_RULES, DEMO_TASKS } from './demo-data.fixture';
import { DemoRecordsLoader } from './demo-records.loader';
import { DemoTimeLoader } from './demo-time.loader';

const NOTHING: DemoDataCountsDto = { accounts: 0, contacts: 0, deals: 0, tasks: 0, mapping_rules: 0, rates: 0, time_entries: 0, unmapped_time_entries: 0, invoices: 0 };

/** Whether the sample data may be loaded here: always outside production, in production only with DEMO_DATA_ENABLED=true. */
export const demoDataAllowed = (env: Pick<Env, 'NODE_ENV' | 'DEMO_DATA_ENABLED'>) => env.NODE_ENV !== 'production' || env.DEMO_DATA_ENABLED;

/**
 * The sample data of an organization: loaded once, into an empty organization only (409
 * otherwise), never in production unless DEMO_DATA_ENABLED=true (404, as if the route did not
 * exist). A second load finds the sample accounts and adds nothing.
 */
@Injectable()
export class DemoDataService {
  constructor(
    private readonly env: Env,
    private readonly repository: DemoDataRepository,
    private readonly records: DemoRecordsLoader,
    private readonly time: DemoTimeLoader,
    private readonly audit: AuditWriter,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async status(): Promise<DemoDataStatusDto> {
    this.assertAllowed();
    const state = await this.repository.state();
    return { status: state.loaded ? 'already_loaded' : state.holding.length > 0 ? 'not_empty' : 'available' };
  }

  async load(today = new Date()): Promise<DemoDataResultDto> {
    this.assertAllowed();
    const result = await this.repository.whileLocked(async () => {
      const state = await this.repository.state();
      if (state.loaded) return { status: 'already_loaded' as const, created: NOTHING };
      if (state.holding.length > 0) throw new ConflictException(`Sample data goes into an empty organization only; this one already has ${state.holding.join(', ')}`);
      const ids = await this.records.load(today);
      const time = await this.time.load(today, ids);
      const created: DemoDataCountsDto = {
        accounts: DEMO_ACCOUNTS.length,
        contacts: DEMO_CONTACTS.length,
        deals: DEMO_DEALS.length,
        tasks: DEMO_TASKS.length,
        mapping_rules: DEMO_RULES.length,
        rates: DEMO_RATES.length,
        time_entries: time.timeEntries,
        unmapped_time_entries: time.unmapped,
        invoices: 1,
      };
      // One summary row beside the rows each service wrote for its records.
      await this.dataSource.transaction((manager) => this.audit.record(manager, { action: 'load', objectType: 'demo_data', objectId: null, details: { data_set: DEMO_MARKER, ...created } }));
      return { status: 'loaded' as const, created };
    });
    if (!result) throw new ConflictException('The sample data is being loaded already');
    return result;
  }

  private assertAllowed(): void {
    if (!demoDataAllowed(this.env)) throw new NotFoundException('Sample data is not available on this server');
  }
}

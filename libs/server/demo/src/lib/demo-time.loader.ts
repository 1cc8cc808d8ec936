import { Injectable } from '@nestjs/common';
import { InvoicesService, RatesService } from '@clockwork/server-billing';
import { MappingRulesService, TimeEntriesService } from '@clockwork/server-time-entries';
import { CreateInvoiceDto, CreateMappingRuleDto, CreateRateDto } from '@clockwork/shared-dto';
import { demoDto } from './demo-dto.validator';
import { DEMO_CURRENCY, DEMO_RATES, DEMO_RULES, DEMO_WEEKS, demoInvoicePeriod, demoTimeEntries, mondayBefore } from './demo-data.fixture';
import type { DemoIds } from './demo-records.loader';

/**
 * Writes the sample time side through the domain services: mapping rules, hourly rates, the
 * agents' time entries (the `POST /time-entries/batch` pipeline, so they are mapped on arrival
 * and the unmatched ones wait in the review queue) and one issued invoice.
 */
@Injectable()
export class DemoTimeLoader {
  constructor(
    private readonly rules: MappingRulesService,
    private readonly rates: RatesService,
    private readonly timeEntries: TimeEntriesService,
    private readonly invoices: InvoicesService,
  ) {}

  async load(today: Date, ids: DemoIds): Promise<{ timeEntries: number; unmapped: number }> {
    for (const r of DEMO_RULES) {
      await this.rules.create(demoDto(CreateMappingRuleDto, { name: r.name, project_name: r.project_name, project_match: r.project_match, deal_id: ids.deals[r.deal] }));
    }
    const validFrom = mondayBefore(today, DEMO_WEEKS + 1).toISOString().slice(0, 10);
    for (const r of DEMO_RATES) {
      await this.rates.create(demoDto(CreateRateDto, { ...(r.scope === 'account' ? { account_id: ids.accounts[r.account] } : {}), hourly_rate: r.hourly_rate, currency: DEMO_CURRENCY, valid_from: validFrom }));
    }

    const entries = demoTimeEntries(today).map((e) => ({
      external_id: e.external_id,
      user_id: ids.people[e.person],
      project_name: e.project,
      ...(e.deal ? { deal_id: ids.deals[e.deal] } : {}),
      start_time: e.start_time,
      end_time: e.end_time,
      duration_seconds: e.duration_seconds,
      activity_type: 'app',
      productivity_score: 0.8,
      source: 'agent',
      billable: true,
    }));
    const { results } = await this.timeEntries.createBatch(entries);
    const refused = results.filter((r) => r.status !== 'created');
    if (refused.length > 0) throw new Error(`Sample time entries refused: ${JSON.stringify(refused.slice(0, 3))}`);

    const period = demoInvoicePeriod(today);
    const draft = await this.invoices.create(
      demoDto(CreateInvoiceDto, { account_id: ids.accounts[period.account], period_from: period.period_from, period_to: period.period_to, currency: DEMO_CURRENCY, tax_rate_percent: '19', notes: 'Sample invoice' }),
    );
    await this.invoices.issue(draft.id);
    return { timeEntries: results.length, unmapped: results.filter((r) => r.mapping_status === 'unmapped').length };
  }
}

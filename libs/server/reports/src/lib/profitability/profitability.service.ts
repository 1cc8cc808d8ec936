import { Injectable } from '@nestjs/common';
import type { ProfitabilityFiguresDto, ProfitabilityReportDto, ProfitabilityReportQueryDto } from '@clockwork/shared-dto';
import { divRound, fromCents, int, toCents } from '../report-figures.rules';
import { filtersOf } from '../reports.service';
import { ProfitabilityRepository, ProfitabilitySqlRow } from './profitability.repository';
import { ModelRevenueRepository } from './model-revenue.repository';
import { withModelRevenue } from './model-revenue.rules';

/** margin / value × 100 with one decimal, half away from zero; null without a billable value. */
export function marginPercent(marginCents: bigint, valueCents: bigint): string | null {
  if (valueCents === 0n) return null;
  const tenths = divRound(marginCents * 1000n, valueCents);
  const abs = tenths < 0n ? -tenths : tenths;
  return `${tenths < 0n ? '-' : ''}${abs / 10n}.${abs % 10n}`;
}

function figures(currency: string | null, billableSeconds: number, costedSeconds: number, value: bigint, invoiced: bigint, cost: bigint): ProfitabilityFiguresDto {
  return {
    currency,
    billable_seconds: billableSeconds,
    costed_seconds: costedSeconds,
    billable_value: fromCents(value),
    invoiced_value: fromCents(invoiced),
    cost: fromCents(cost),
    margin: fromCents(value - cost),
    margin_percent: marginPercent(value - cost, value),
  };
}

const figuresOf = (r: ProfitabilitySqlRow) =>
  figures(r.currency, int(r.billable_seconds), int(r.costed_seconds), toCents(r.billable_value), toCents(r.invoiced_value), toCents(r.cost));

/** `GET /reports/profitability`: billable value, invoiced value, cost and margin per deal, client or person. */
@Injectable()
export class ProfitabilityService {
  constructor(
    private readonly repository: ProfitabilityRepository,
    private readonly models: ModelRevenueRepository,
  ) {}

  async report(q: ProfitabilityReportQueryDto): Promise<ProfitabilityReportDto> {
    const rows = withModelRevenue(await this.repository.rows(q), await this.models.adjustments(q)).map((r) => ({ key_id: r.key, name: r.name, ...figuresOf(r) }));
    const currencies = [...new Set(rows.map((r) => r.currency))].sort((a, b) => (a ?? '~').localeCompare(b ?? '~'));
    const totals = currencies.map((currency) => {
      const of = rows.filter((r) => r.currency === currency);
      const sum = (f: (r: ProfitabilityFiguresDto) => bigint) => of.reduce((s, r) => s + f(r), 0n);
      const seconds = (f: (r: ProfitabilityFiguresDto) => number) => of.reduce((s, r) => s + f(r), 0);
      return figures(
        currency,
        seconds((r) => r.billable_seconds),
        seconds((r) => r.costed_seconds),
        sum((r) => toCents(r.billable_value)),
        sum((r) => toCents(r.invoiced_value)),
        sum((r) => toCents(r.cost)),
      );
    });
    return { filters: { ...filtersOf({ ...q, group_by: undefined }) }, group: q.group_by, rows, totals };
  }
}

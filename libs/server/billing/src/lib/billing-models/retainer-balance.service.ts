import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { RetainerBalanceDto } from '@clockwork/shared-dto';
import { DataSource } from 'typeorm';
import { DealBillingRepository } from './deal-billing.repository';
import { retainerTermsOf } from './model-invoice.service';
import { hoursNumber, retainerMonths } from './retainer-balance.rules';

/** The current month (YYYY-MM) in a time zone. */
const monthNow = (timezone: string) => new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit' }).format(new Date()).slice(0, 7);

/** `GET /deals/{id}/retainer-balance`: a retainer month's included, rolled-over, used and left hours. */
@Injectable()
export class RetainerBalanceService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly billing: DealBillingRepository,
  ) {}

  async balance(dealId: string, month?: string): Promise<RetainerBalanceDto> {
    const manager = this.dataSource.manager;
    const deal = await this.billing.deal(manager, dealId);
    if (!deal) throw new NotFoundException('Deal not found');
    if (deal.billing_model !== 'retainer') throw new NotFoundException('The deal does not bill as a retainer');
    const terms = retainerTermsOf(deal);
    const target = month ?? monthNow(deal.timezone);
    const start = terms.startsOn.slice(0, 7);
    const figures = target < start ? undefined : retainerMonths(terms, await this.billing.usedByMonth(manager, deal, target), target).at(-1);
    const zero = { includedSeconds: 0n, rolledOverSeconds: 0n, usedSeconds: 0n, leftSeconds: 0n, overageSeconds: 0n, priceCents: 0n, overageCents: 0n };
    const f = figures ?? zero;
    return {
      deal_id: deal.id,
      month: target,
      timezone: deal.timezone,
      active: !!figures,
      included_hours: hoursNumber(f.includedSeconds),
      rolled_over_hours: hoursNumber(f.rolledOverSeconds),
      used_hours: hoursNumber(f.usedSeconds),
      left_hours: hoursNumber(f.leftSeconds),
      overage_hours: hoursNumber(f.overageSeconds),
      price_cents: Number(f.priceCents),
      overage_cents: Number(f.overageCents),
      currency: deal.currency,
    };
  }
}

import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DealBillingRepository, DealBillingRow } from './deal-billing.repository';
import { milestoneLines, ModelLine, retainerLines } from './model-lines.builder';
import { monthsBetween, retainerMonths, RetainerTerms } from './retainer-balance.rules';

export const retainerTermsOf = (d: DealBillingRow): RetainerTerms => ({
  hoursPerMonth: d.retainer_hours_per_month as string,
  priceCents: BigInt(d.retainer_price_cents as string),
  overageRateCents: BigInt(d.retainer_overage_rate_cents as string),
  rolloverMonths: d.retainer_rollover_months as number,
  startsOn: d.retainer_starts_on as string,
});

interface Period {
  period_from: string;
  period_to: string;
  currency: string;
}

/**
 * The invoice lines of fixed-fee and retainer deals (docs/billing-models.md): a fixed deal's
 * reached, not yet invoiced milestones (reached by period_to); a retainer deal's months that
 * overlap the period, have started and are on no other (non-void) invoice, each with its fee and
 * overage. With an invoice id the lines are taken: milestones marked invoiced, the months' time
 * entries claimed, the deals locked so that two invoices cannot bill the same month.
 */
@Injectable()
export class ModelInvoiceService {
  constructor(private readonly billing: DealBillingRepository) {}

  async lines(manager: EntityManager, scope: { deal_id?: string; account_id?: string }, period: Period, invoiceId: string | null): Promise<ModelLine[]> {
    const take = invoiceId !== null;
    const ids = scope.deal_id ? [scope.deal_id] : await this.billing.modelDealsOfAccount(manager, scope.account_id as string, take);
    const out: ModelLine[] = [];
    for (const id of ids) {
      const deal = await this.billing.deal(manager, id, take);
      if (!deal || deal.billing_model === 'hourly') continue;
      const lines = deal.billing_model === 'fixed' ? await this.fixed(manager, deal, period, invoiceId) : await this.retainer(manager, deal, period, invoiceId);
      if (lines.length && deal.currency !== period.currency) {
        const message = `The ${deal.billing_model} deal "${deal.name}" bills in ${deal.currency}; invoice it in ${deal.currency}`;
        throw new UnprocessableEntityException({ message, details: [{ field: 'currency', errors: [message] }] });
      }
      out.push(...lines);
    }
    return out;
  }

  private async fixed(manager: EntityManager, deal: DealBillingRow, period: Period, invoiceId: string | null): Promise<ModelLine[]> {
    const milestones = await this.billing.invoiceable(manager, deal.id, period.period_to, invoiceId !== null);
    if (invoiceId) await this.billing.markInvoiced(manager, invoiceId, milestones.map((m) => m.id));
    return milestoneLines(deal, milestones);
  }

  private async retainer(manager: EntityManager, deal: DealBillingRow, period: Period, invoiceId: string | null): Promise<ModelLine[]> {
    const terms = retainerTermsOf(deal);
    const start = terms.startsOn.slice(0, 7);
    const from = period.period_from.slice(0, 7) > start ? period.period_from.slice(0, 7) : start;
    const to = period.period_to.slice(0, 7);
    if (from > to) return [];
    const billed = await this.billing.billedMonths(manager, deal.id);
    const months = monthsBetween(from, to).filter((m) => !billed.has(m));
    if (months.length === 0) return [];
    const figures = retainerMonths(terms, await this.billing.usedByMonth(manager, deal, to), to);
    const entries = new Map((await this.billing.unbilledEntriesOf(manager, deal, months)).map((r) => [r.month, r.ids]));
    const out: ModelLine[] = [];
    for (const month of figures.filter((f) => months.includes(f.month))) {
      const ids = entries.get(month.month) ?? [];
      out.push(...retainerLines(deal, month, terms.overageRateCents, invoiceId ? await this.billing.claim(manager, invoiceId, ids) : ids));
    }
    return out;
  }
}

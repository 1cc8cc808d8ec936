import { Injectable } from '@nestjs/common';
import { TenantRepository } from '@clockwork/server-core';
import { INVOICEABLE_BY_APPROVAL } from '@clockwork/server-timesheets';
import { DealMilestone } from '@clockwork/shared-entities';
import { EntityManager } from 'typeorm';

/** A deal's billing model and terms, as billing reads them. */
export interface DealBillingRow {
  id: string;
  name: string;
  currency: string;
  billing_model: 'hourly' | 'fixed' | 'retainer';
  retainer_hours_per_month: string | null;
  retainer_price_cents: string | null;
  retainer_overage_rate_cents: string | null;
  retainer_rollover_months: number | null;
  retainer_starts_on: string | null;
  timezone: string;
}

/**
 * The time a retainer uses: billable, mapped entries of the deal (approved ones only when the
 * organization requires approval), counted in the month of their start in the organization's
 * time zone, from the retainer's first day. `$1` organization, `$2` deal, `$3` time zone, `$4`
 * the first day; `e` is the entry.
 */
const RETAINER_TIME = `e.organization_id = $1 AND e.deal_id = $2 AND e.billable AND e.mapping_status = 'mapped' AND ${INVOICEABLE_BY_APPROVAL('e')}
          AND e.start_time >= ($4::date)::timestamp AT TIME ZONE $3`;
const MONTH_OF = (alias: string) => `to_char(${alias}.start_time AT TIME ZONE $3, 'YYYY-MM')`;

/** Milestones of fixed-fee deals and the figures of retainers (`deal_milestones`, `deals`, `time_entries`). */
@Injectable()
export class DealBillingRepository extends TenantRepository<DealMilestone> {
  constructor() {
    super(DealMilestone, 'Milestone');
  }

  /**
   * The deal's billing terms and the organization's time zone; null when not of this organization.
   * `lock` holds the deal row until the transaction ends: FOR NO KEY UPDATE, which two invoice
   * builders of one deal take in turn but which does not wait for the key-share locks that other
   * invoices' rows referencing the deal hold (FOR UPDATE did, and deadlocked against their claims).
   */
  async deal(manager: EntityManager, dealId: string, lock = false): Promise<DealBillingRow | null> {
    const [row] = await manager.query(
      `SELECT d.id, d.name, d.currency, d.billing_model, d.retainer_hours_per_month::text, d.retainer_price_cents::text, d.retainer_overage_rate_cents::text,
              d.retainer_rollover_months, d.retainer_starts_on::text, o.timezone
         FROM deals d JOIN organizations o ON o.id = d.organization_id
        WHERE d.organization_id = $1 AND d.id = $2${lock ? ' FOR NO KEY UPDATE OF d' : ''}`,
      [this.organizationId, dealId],
    );
    return row ?? null;
  }

  /** The deals of an account that bill by a model other than hourly (an account's invoice adds their lines), locked. */
  async modelDealsOfAccount(manager: EntityManager, accountId: string, lock: boolean): Promise<string[]> {
    const rows = await manager.query(
      `SELECT d.id FROM deals d WHERE d.organization_id = $1 AND d.account_id = $2 AND d.billing_model <> 'hourly' ORDER BY d.name, d.id${lock ? ' FOR NO KEY UPDATE' : ''}`,
      [this.organizationId, accountId],
    );
    return rows.map((r: { id: string }) => r.id);
  }

  /** Seconds of retainer time per month (YYYY-MM) from the retainer's start through `toMonth`. */
  async usedByMonth(manager: EntityManager, deal: DealBillingRow, toMonth: string): Promise<Map<string, bigint>> {
    const rows: { month: string; seconds: string }[] = await manager.query(
      `SELECT ${MONTH_OF('e')} AS month, sum(e.duration_seconds)::text AS seconds
         FROM time_entries e
        WHERE ${RETAINER_TIME} AND e.start_time < (($5::date + interval '1 month')::timestamp) AT TIME ZONE $3
        GROUP BY 1`,
      [this.organizationId, deal.id, deal.timezone, deal.retainer_starts_on, `${toMonth}-01`],
    );
    return new Map(rows.map((r) => [r.month, BigInt(r.seconds)]));
  }

  /** The retainer months (YYYY-MM) of the deal already on a draft, issued or paid invoice. */
  async billedMonths(manager: EntityManager, dealId: string): Promise<Set<string>> {
    const rows: { month: string }[] = await manager.query(
      `SELECT DISTINCT to_char(l.retainer_month, 'YYYY-MM') AS month
         FROM invoice_lines l JOIN invoices i ON i.organization_id = l.organization_id AND i.id = l.invoice_id
        WHERE l.organization_id = $1 AND l.deal_id = $2 AND l.kind = 'retainer' AND i.status <> 'void'`,
      [this.organizationId, dealId],
    );
    return new Set(rows.map((r) => r.month));
  }

  /** The retainer time of the given months not on any invoice (the entries a retainer invoice takes). */
  async unbilledEntriesOf(manager: EntityManager, deal: DealBillingRow, months: string[]): Promise<{ month: string; ids: string[] }[]> {
    if (months.length === 0) return [];
    return manager.query(
      `SELECT ${MONTH_OF('e')} AS month, array_agg(e.id ORDER BY e.start_time, e.id)::text[] AS ids
         FROM time_entries e
        WHERE ${RETAINER_TIME} AND ${MONTH_OF('e')} = ANY($5::text[])
          AND NOT EXISTS (SELECT 1 FROM invoice_line_entries x WHERE x.organization_id = e.organization_id AND x.time_entry_id = e.id)
        GROUP BY 1`,
      [this.organizationId, deal.id, deal.timezone, deal.retainer_starts_on, months],
    );
  }

  /** Claims the given entries for the invoice (share-locked; ON CONFLICT skips what another invoice took). */
  async claim(manager: EntityManager, invoiceId: string, entryIds: string[]): Promise<string[]> {
    if (entryIds.length === 0) return [];
    const rows: { time_entry_id: string }[] = await manager.query(
      `INSERT INTO invoice_line_entries (organization_id, invoice_id, time_entry_id)
       SELECT e.organization_id, $2, e.id FROM time_entries e WHERE e.organization_id = $1 AND e.id = ANY($3::uuid[]) ORDER BY e.id FOR SHARE OF e
       ON CONFLICT (organization_id, time_entry_id) DO NOTHING
       RETURNING time_entry_id`,
      [this.organizationId, invoiceId, entryIds],
    );
    return rows.map((r) => r.time_entry_id);
  }

  listForDeal(dealId: string, manager?: EntityManager): Promise<DealMilestone[]> {
    return this.repository(manager).find({ where: { organizationId: this.organizationId, dealId }, order: { dueOn: 'ASC', id: 'ASC' } });
  }

  /** Reached milestones of the deal not on an invoice, reached on or before `upTo` (locked when `lock`). */
  invoiceable(manager: EntityManager, dealId: string, upTo: string, lock: boolean): Promise<DealMilestone[]> {
    const qb = this.scoped('m', manager)
      .andWhere('m.deal_id = :dealId AND m.status = :status AND m.reached_on <= :upTo', { dealId, status: 'reached', upTo })
      .orderBy('m.reachedOn', 'ASC')
      .addOrderBy('m.dueOn', 'ASC')
      .addOrderBy('m.id', 'ASC');
    return (lock ? qb.setLock('pessimistic_write') : qb).getMany();
  }

  async markInvoiced(manager: EntityManager, invoiceId: string, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await manager.query(`UPDATE deal_milestones SET status = 'invoiced', invoice_id = $2, version = version + 1, updated_at = now() WHERE organization_id = $1 AND id = ANY($3::uuid[])`, [this.organizationId, invoiceId, ids]);
  }

  /** The invoice's milestones become reached again (void, or a deleted draft). */
  async releaseMilestones(manager: EntityManager, invoiceId: string): Promise<void> {
    await manager.query(`UPDATE deal_milestones SET status = 'reached', invoice_id = NULL, version = version + 1, updated_at = now() WHERE organization_id = $1 AND invoice_id = $2`, [this.organizationId, invoiceId]);
  }
}

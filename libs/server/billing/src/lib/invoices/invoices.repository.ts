import { Injectable } from '@nestjs/common';
import { byCreation, createdAtSort, ListOrder, TenantRepository, whereEquals } from '@clockwork/server-core';
import type { InvoiceCustomer, InvoiceDto, InvoicePreviewEntryDto, InvoiceQueryDto } from '@clockwork/shared-dto';
import { Invoice, InvoiceLine } from '@clockwork/shared-entities';
import { EntityManager, SelectQueryBuilder } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { INVOICEABLE_BY_APPROVAL } from '@clockwork/server-timesheets';
import { RATE_OF_ENTRY } from '../rates/rate-resolution.rules';
import type { BillableGroup, BuiltLine } from './invoice-lines.builder';

const ORDER: ListOrder<Invoice> = {
  ...byCreation<Invoice>(),
  sorts: { created_at: createdAtSort(), invoice_date: { column: 'invoice_date', cast: 'date', property: 'invoiceDate' } },
};

/**
 * The entries an invoice of the scope and period takes: billable, mapped, starting in
 * [from, to) and on no other invoice. `$1` is the organization; the scope id and the bounds
 * are the parameters from `$first`.
 */
const CANDIDATES = (column: 'deal_id' | 'account_id', first = 2) => `e.organization_id = $1 AND e.${column} = $${first} AND e.billable AND e.mapping_status = 'mapped'
          AND e.start_time >= $${first + 1}::timestamptz AND e.start_time < $${first + 2}::timestamptz AND ${INVOICEABLE_BY_APPROVAL('e')}
          AND NOT EXISTS (SELECT 1 FROM invoice_line_entries x WHERE x.organization_id = e.organization_id AND x.time_entry_id = e.id)
          AND ${HOURLY_TIME('e')}`;

/**
 * Time of a fixed-fee or retainer deal is never billed hourly (docs/billing-models.md): the
 * hourly candidates are entries without a deal or on an hourly deal.
 */
const HOURLY_TIME = (alias: string) =>
  `NOT EXISTS (SELECT 1 FROM deals bm WHERE bm.organization_id = ${alias}.organization_id AND bm.id = ${alias}.deal_id AND bm.billing_model <> 'hourly')`;

/** Entries (alias `e`, from `source`, filtered by `where`) grouped by deal, person and resolved rate, in line order. */
const groupsOf = (source: string, where: string) => `SELECT e.deal_id, d.name AS deal_name, e.user_id, u.name AS user_name,
              rate.id AS rate_id, rate.level AS rate_level, rate.hourly_rate, rate.currency AS rate_currency,
              sum(e.duration_seconds)::text AS seconds, array_agg(e.id ORDER BY e.start_time, e.id)::text[] AS entry_ids
         ${source}
         LEFT JOIN deals d ON d.organization_id = e.organization_id AND d.id = e.deal_id
         LEFT JOIN users u ON u.organization_id = e.organization_id AND u.id = e.user_id
         ${RATE_OF_ENTRY('e')}
        WHERE ${where}
        GROUP BY e.deal_id, d.name, e.user_id, u.name, rate.id, rate.level, rate.hourly_rate, rate.currency
        ORDER BY d.name NULLS LAST, e.deal_id, u.name NULLS LAST, e.user_id, min(e.start_time)`;

export interface InvoiceScope {
  account_id: string | null;
  deal_id: string | null;
  customer_name: string;
}

@Injectable()
export class InvoicesRepository extends TenantRepository<Invoice> {
  constructor() {
    super(Invoice, 'Invoice');
  }

  listPage(query: InvoiceQueryDto, map: (i: Invoice) => InvoiceDto) {
    const filter = (qb: SelectQueryBuilder<Invoice>) => {
      whereEquals(qb, 'i', { status: query.status, account_id: query.account_id, deal_id: query.deal_id });
      if (query.date_from) qb.andWhere('i.invoice_date >= :from', { from: query.date_from });
      if (query.date_to) qb.andWhere('i.invoice_date <= :to', { to: query.date_to });
    };
    return this.page('i', query, map, { filter, order: ORDER });
  }

  /** The account (or the deal and its account) an invoice bills; null when not of this organization. */
  async scopeOf(manager: EntityManager, by: { account_id?: string; deal_id?: string }): Promise<InvoiceScope | null> {
    const [row] = by.deal_id
      ? await manager.query(
          `SELECT d.account_id, d.id AS deal_id, coalesce(a.name, d.name) AS customer_name
             FROM deals d LEFT JOIN accounts a ON a.organization_id = d.organization_id AND a.id = d.account_id
            WHERE d.organization_id = $1 AND d.id = $2`,
          [this.organizationId, by.deal_id],
        )
      : await manager.query(`SELECT id AS account_id, NULL::uuid AS deal_id, name AS customer_name FROM accounts WHERE organization_id = $1 AND id = $2`, [this.organizationId, by.account_id]);
    return row ?? null;
  }

  /**
   * Puts every billable, mapped, not yet invoiced entry of the scope whose start lies in
   * [from, to) on this invoice (approved ones only when the organization requires approval). The unique (organization_id, time_entry_id) decides between
   * concurrent invoices: ON CONFLICT waits for the other transaction and skips what it took;
   * the entries are share-locked so they cannot change until this transaction ends.
   */
  async claimEntries(manager: EntityManager, invoiceId: string, scope: { account_id?: string; deal_id?: string }, from: string, to: string): Promise<number> {
    const column = scope.deal_id ? 'deal_id' : 'account_id';
    const rows = await manager.query(
      `INSERT INTO invoice_line_entries (organization_id, invoice_id, time_entry_id)
       SELECT e.organization_id, $2, e.id
         FROM time_entries e
        WHERE ${CANDIDATES(column, 3)}
        ORDER BY e.id
        FOR SHARE OF e
       ON CONFLICT (organization_id, time_entry_id) DO NOTHING
       RETURNING time_entry_id`,
      [this.organizationId, invoiceId, scope.deal_id ?? scope.account_id, from, to],
    );
    return rows.length;
  }

  /** The invoice's claimed entries grouped by deal, person and resolved rate (one query). */
  billableGroups(manager: EntityManager, invoiceId: string): Promise<BillableGroup[]> {
    return manager.query(
      groupsOf(`FROM invoice_line_entries c
         JOIN time_entries e ON e.organization_id = c.organization_id AND e.id = c.time_entry_id`, 'c.organization_id = $1 AND c.invoice_id = $2'),
      [this.organizationId, invoiceId],
    );
  }

  /**
   * The groups `claimEntries` + `billableGroups` would give for this scope and period, read
   * without claiming anything (the preview): the same candidates, grouping and order.
   */
  candidateGroups(manager: EntityManager, scope: { account_id?: string; deal_id?: string }, from: string, to: string): Promise<BillableGroup[]> {
    return manager.query(groupsOf('FROM time_entries e', CANDIDATES(scope.deal_id ? 'deal_id' : 'account_id')), [this.organizationId, scope.deal_id ?? scope.account_id, from, to]);
  }

  /** Date, start, description and seconds of the given entries (the lines' entries in a preview). */
  entriesOf(manager: EntityManager, ids: string[]): Promise<InvoicePreviewEntryDto[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return manager.query(
      `SELECT e.id, (e.start_time AT TIME ZONE 'UTC')::date::text AS date, to_char(e.start_time AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS start_time,
              coalesce(t.title, e.project_name, e.activity_type) AS description, e.duration_seconds AS seconds
         FROM time_entries e
         LEFT JOIN tasks t ON t.organization_id = e.organization_id AND t.id = e.task_id
        WHERE e.organization_id = $1 AND e.id = ANY($2::uuid[])`,
      [this.organizationId, ids],
    );
  }

  async insertLines(manager: EntityManager, invoiceId: string, lines: BuiltLine[]): Promise<void> {
    if (lines.length === 0) return;
    const rows = lines.map((l) => ({ ...l, id: uuidv7() }));
    await manager.query(
      `INSERT INTO invoice_lines (organization_id, id, invoice_id, position, description, deal_id, user_id, seconds, hours, hourly_rate, rate_currency,
                                  rate_id, rate_level, exchange_rate, exchange_rate_date, amount, time_entry_ids, kind, milestone_id, retainer_month)
       SELECT $1, r.id, $2, r.position, r.description, r.deal_id, r.user_id, r.seconds, r.hours, r.hourly_rate, r.rate_currency,
              r.rate_id, r.rate_level, r.exchange_rate, r.exchange_rate_date, r.amount, r.time_entry_ids, r.kind, r.milestone_id, r.retainer_month
         FROM jsonb_to_recordset($3::jsonb) AS r(id uuid, position int, description text, deal_id uuid, user_id uuid, seconds bigint, hours numeric,
              hourly_rate numeric, rate_currency text, rate_id uuid, rate_level text, exchange_rate numeric, exchange_rate_date date, amount numeric, time_entry_ids uuid[],
              kind text, milestone_id uuid, retainer_month date)`,
      [this.organizationId, invoiceId, JSON.stringify(rows)],
    );
  }

  linesOf(invoiceId: string, manager?: EntityManager): Promise<InvoiceLine[]> {
    return (manager ?? this.dataSource.manager).getRepository(InvoiceLine).find({ where: { organizationId: this.organizationId, invoiceId }, order: { position: 'ASC' } });
  }

  /** Takes the invoice's entries off it (void): they can be invoiced again. */
  async releaseEntries(manager: EntityManager, invoiceId: string): Promise<void> {
    await manager.query(`DELETE FROM invoice_line_entries WHERE organization_id = $1 AND invoice_id = $2`, [this.organizationId, invoiceId]);
  }

  /**
   * The next invoice number of this organization and year: the counter row is incremented in
   * the issuing transaction (row-locked until it ends), so numbers never skip or repeat.
   */
  async nextNumber(manager: EntityManager, year: number): Promise<number> {
    const [row] = await manager.query(
      `INSERT INTO invoice_counters (organization_id, id, year, last_number) VALUES ($1, $2, $3, 1)
       ON CONFLICT (organization_id, year) DO UPDATE SET last_number = invoice_counters.last_number + 1, updated_at = now()
       RETURNING last_number`,
      [this.organizationId, uuidv7(), year],
    );
    return row.last_number;
  }

  /** The billed customer of an invoice (its account; the customer name alone when it has none), for the invoice events. */
  async customerOf(manager: EntityManager, invoice: { accountId: string | null; customerName: string }): Promise<InvoiceCustomer> {
    const [row] = invoice.accountId
      ? await manager.query(`SELECT id AS account_id, $3::text AS name, address, phone, website FROM accounts WHERE organization_id = $1 AND id = $2`, [this.organizationId, invoice.accountId, invoice.customerName])
      : [];
    return row ?? { account_id: invoice.accountId, name: invoice.customerName, address: null, phone: null, website: null };
  }
}

import { BadRequestException, ConflictException, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { AuditedRecord, RecordReads, RecordWriter } from '@clockwork/server-core';
import type { CreateInvoiceDto, InvoiceDto, InvoicePreviewDto, InvoicePreviewEntryDto, InvoiceQueryDto, InvoiceWithLinesDto, PayInvoiceDto, VoidInvoiceDto } from '@clockwork/shared-dto';
import type { Invoice } from '@clockwork/shared-entities';
import { EntityManager } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { atScale, formatCents, invoiceTotals, toScaled } from '../money.util';
import { ModelInvoiceService } from '../billing-models/model-invoice.service';
import type { ModelLine } from '../billing-models/model-lines.builder';
import { DealBillingRepository } from '../billing-models/deal-billing.repository';
import { ExchangeRatesRepository } from '../exchange-rates/exchange-rates.repository';
import { assertTransition, invoiceNumber } from './invoice-lifecycle.rules';
import { BillableGroup, buildLines } from './invoice-lines.builder';
import { invoiceEventPayload } from './invoice-event.mapper';
import { toInvoiceDto, withLines } from './invoice.mapper';
import { InvoiceScope, InvoicesRepository } from './invoices.repository';

const INVOICE: AuditedRecord<Invoice> = { objectType: 'invoice', view: toInvoiceDto };

const dayAfter = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString();
const today = () => new Date().toISOString().slice(0, 10);
const fieldError = (field: string, message: string, status: 400 | 422 = 400) => {
  const body = { message: status === 400 ? `Validation failed: ${message}` : message, details: [{ field, errors: [message] }] };
  return status === 400 ? new BadRequestException(body) : new UnprocessableEntityException(body);
};

/** The defaults and the scope field of a create (or preview) body; 400 unless exactly one of account_id, deal_id. */
function draftTerms(dto: CreateInvoiceDto) {
  if (!!dto.account_id === !!dto.deal_id) throw fieldError(dto.deal_id ? 'deal_id' : 'account_id', 'give exactly one of account_id or deal_id');
  return { invoiceDate: dto.invoice_date ?? today(), taxPercent: dto.tax_rate_percent ?? '0', scopeField: dto.deal_id ? ('deal_id' as const) : ('account_id' as const) };
}
const nothingToBill = (dto: CreateInvoiceDto, scopeField: 'deal_id' | 'account_id') =>
  fieldError(scopeField, `No billable, mapped time entries that are not yet invoiced for this ${scopeField.slice(0, -3)} from ${dto.period_from} to ${dto.period_to}`, 422);

/**
 * Invoices: a draft is built from the scope's billable time in one transaction (claim the
 * entries, resolve their rates, convert, price the lines); issuing numbers it gaplessly and
 * records `invoice.issued` (paying, `invoice.paid`); voiding releases its entries. Every change is audited.
 */
@Injectable()
export class InvoicesService extends RecordReads<Invoice, InvoiceQueryDto, InvoiceDto> {
  constructor(
    private readonly records: RecordWriter,
    private readonly invoices: InvoicesRepository,
    private readonly exchangeRates: ExchangeRatesRepository,
    private readonly models: ModelInvoiceService,
    private readonly milestones: DealBillingRepository,
  ) {
    super(invoices, toInvoiceDto);
  }

  /** One invoice with its lines (the list shows invoices without them). */
  override async get(id: string): Promise<InvoiceWithLinesDto> {
    return withLines(await this.invoices.getById(id), await this.invoices.linesOf(id));
  }

  create(dto: CreateInvoiceDto): Promise<InvoiceWithLinesDto> {
    const { invoiceDate, taxPercent, scopeField } = draftTerms(dto);
    return this.records.transaction(async (manager) => {
      const scope = await this.scopeOf(manager, dto);
      const draft = await this.invoices.insert(manager, {
        status: 'draft',
        accountId: scope.account_id,
        dealId: scope.deal_id,
        customerName: scope.customer_name,
        periodFrom: dto.period_from,
        periodTo: dto.period_to,
        invoiceDate,
        currency: dto.currency,
        subtotal: '0',
        taxRatePercent: taxPercent,
        taxAmount: '0',
        total: '0',
        notes: dto.notes ?? null,
        createdBy: this.records.userId,
      });
      const claimed = await this.invoices.claimEntries(manager, draft.id, dto, `${dto.period_from}T00:00:00.000Z`, dayAfter(dto.period_to));
      const model = await this.models.lines(manager, dto, dto, draft.id);
      if (claimed === 0 && model.length === 0) throw nothingToBill(dto, scopeField);
      const groups = claimed === 0 ? [] : await this.invoices.billableGroups(manager, draft.id);
      const { lines, totals, used } = await this.price(manager, groups, dto, invoiceDate, taxPercent, model);
      await this.invoices.insertLines(manager, draft.id, lines);
      const invoice = await this.invoices.updateById(manager, draft.id, {
        subtotal: totals.subtotal,
        taxAmount: totals.tax_amount,
        total: totals.total,
        exchangeRates: used,
      });
      await this.records.audit(manager, { action: 'create', objectType: 'invoice', objectId: invoice.id, before: null, after: toInvoiceDto(invoice), details: { lines: lines.length, time_entries: claimed } });
      return withLines(invoice, await this.invoices.linesOf(invoice.id, manager));
    });
  }

  /**
   * What `create` would draft for the same body, read in one transaction that writes nothing:
   * the same candidate entries, grouping, rates and `buildLines`, with the entries behind each
   * line. The same 400/422 answers as `create`.
   */
  preview(dto: CreateInvoiceDto): Promise<InvoicePreviewDto> {
    const { invoiceDate, taxPercent, scopeField } = draftTerms(dto);
    return this.records.transaction(async (manager) => {
      const scope = await this.scopeOf(manager, dto);
      const groups = await this.invoices.candidateGroups(manager, dto, `${dto.period_from}T00:00:00.000Z`, dayAfter(dto.period_to));
      const model = await this.models.lines(manager, dto, dto, null);
      if (groups.length === 0 && model.length === 0) throw nothingToBill(dto, scopeField);
      const { lines, totals, used } = await this.price(manager, groups, dto, invoiceDate, taxPercent, model);
      const entries = new Map((await this.invoices.entriesOf(manager, lines.flatMap((l) => l.time_entry_ids))).map((e) => [e.id, e]));
      return {
        ...scope,
        period_from: dto.period_from,
        period_to: dto.period_to,
        invoice_date: invoiceDate,
        currency: dto.currency,
        subtotal: totals.subtotal,
        tax_rate_percent: atScale(taxPercent, 2),
        tax_amount: totals.tax_amount,
        total: totals.total,
        notes: dto.notes ?? null,
        exchange_rates: used,
        lines: lines.map(({ milestone_id: _m, retainer_month: _r, ...l }) => ({ ...l, seconds: Number(l.seconds), exchange_rate: atScale(l.exchange_rate, 10), entries: l.time_entry_ids.map((id) => entries.get(id) as InvoicePreviewEntryDto) })),
      };
    }, 'REPEATABLE READ');
  }

  /** draft -> issued: the next number of the organization and year, and `invoice.issued`. */
  issue(id: string): Promise<InvoiceWithLinesDto> {
    return this.move(id, 'issued', 'issue', async (manager) => {
      const now = new Date();
      const year = now.getUTCFullYear();
      return { status: 'issued', number: invoiceNumber(year, await this.invoices.nextNumber(manager, year)), issuedAt: now };
    }, 'invoice.issued');
  }

  /** issued -> paid, and `invoice.paid`. */
  pay(id: string, dto: PayInvoiceDto): Promise<InvoiceWithLinesDto> {
    return this.move(id, 'paid', 'pay', async () => ({ status: 'paid', paidAt: dto.paid_at ? new Date(dto.paid_at) : new Date() }), 'invoice.paid');
  }

  /** draft | issued -> void: its entries are released and can be invoiced again. */
  void(id: string, dto: VoidInvoiceDto): Promise<InvoiceWithLinesDto> {
    return this.move(id, 'void', 'void', async (manager) => {
      await this.invoices.releaseEntries(manager, id);
      await this.milestones.releaseMilestones(manager, id);
      return { status: 'void', voidedAt: new Date(), voidReason: dto.reason ?? null };
    });
  }

  /** Only drafts are deleted (their entries are released); issued invoices are voided instead. */
  remove(id: string): Promise<void> {
    return this.records.transaction(async (manager) => {
      const before = await this.invoices.lockById(manager, id);
      if (before.status !== 'draft') throw new ConflictException(`The invoice is ${before.status}; only drafts can be deleted (void it instead)`);
      await this.milestones.releaseMilestones(manager, id);
      await this.invoices.deleteById(manager, id);
      await this.records.written(manager, INVOICE, 'delete', before, null);
    });
  }

  private async scopeOf(manager: EntityManager, dto: CreateInvoiceDto): Promise<InvoiceScope> {
    const scope = await this.invoices.scopeOf(manager, dto);
    const scopeField = dto.deal_id ? 'deal_id' : 'account_id';
    if (!scope) throw fieldError(scopeField, `${scopeField} does not refer to a record of this organization`, 422);
    return scope;
  }

  /**
   * The lines and totals of the groups in the invoice currency (the one pricing of create and
   * preview): the hourly lines, then the lines of fixed-fee and retainer deals; the totals over all.
   */
  private async price(manager: EntityManager, groups: BillableGroup[], dto: CreateInvoiceDto, invoiceDate: string, taxPercent: string, model: ModelLine[]) {
    const foreign = [...new Set(groups.map((g) => g.rate_currency).filter((c): c is string => !!c && c !== dto.currency))];
    const exchange = await this.exchangeRates.latestOnOrBefore(manager, foreign, dto.currency, invoiceDate);
    const hourly = buildLines(groups, dto.currency, exchange, taxPercent, invoiceDate);
    if (model.length === 0) return hourly;
    const lines = [...hourly.lines, ...model.map(({ cents, ...l }, i) => ({ ...l, amount: formatCents(cents), position: hourly.lines.length + i + 1 }))];
    return { lines, totals: invoiceTotals(lines.map((l) => toScaled(l.amount, 2)), taxPercent), used: hourly.used };
  }

  /** A move of the invoice's lifecycle: locked, allowed from its status (409 otherwise), changed, audited as `action`, and its event when given. */
  private move(id: string, to: Invoice['status'], action: string, change: (manager: EntityManager) => Promise<QueryDeepPartialEntity<Invoice>>, event?: 'invoice.issued' | 'invoice.paid'): Promise<InvoiceWithLinesDto> {
    return this.records.transaction(async (manager) => {
      const { before, after } = await this.records.updateVersioned(manager, this.invoices, id, undefined, 'invoice', (stored) => {
        assertTransition(stored.status, to);
        return change(manager);
      });
      await this.records.written(manager, INVOICE, action, before, after);
      const moved = withLines(after, await this.invoices.linesOf(id, manager));
      if (event) await this.recordEvent(manager, event, after, moved);
      return moved;
    });
  }

  /** The event of an issued or paid invoice, with what a billing system needs to create it (InvoiceEventPayload). */
  private async recordEvent(manager: EntityManager, type: 'invoice.issued' | 'invoice.paid', invoice: Invoice, dto: InvoiceWithLinesDto): Promise<void> {
    const payload = invoiceEventPayload(dto, await this.invoices.customerOf(manager, invoice));
    await this.records.event(manager, { type, aggregateType: 'invoice', aggregateId: invoice.id, payload: payload as unknown as Record<string, unknown> });
  }
}

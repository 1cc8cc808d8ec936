import { ConflictException, Injectable } from '@nestjs/common';
import type { InvoiceExportQueryDto, InvoicePeriodExportQueryDto, InvoiceWithLinesDto } from '@clockwork/shared-dto';
import type { InvoiceLine } from '@clockwork/shared-entities';
import { withLines } from '../invoices/invoice.mapper';
import { InvoicesService } from '../invoices/invoices.service';
import { accountingRows, COLUMNS_OF } from './accounting-formats.fields';
import { AccountingExportRepository } from './accounting-export.repository';

export interface AccountingFile {
  fileName: string;
  columns: string[];
  rows: Record<string, unknown>[];
}

const EXPORTABLE = ['issued', 'paid'];

/** Issued and paid invoices as the CSV import files of Xero and QuickBooks Online, or a generic CSV (docs/accounting-exports.md). */
@Injectable()
export class AccountingExportService {
  constructor(
    private readonly invoices: InvoicesService,
    private readonly repository: AccountingExportRepository,
  ) {}

  /** One invoice; 409 unless it is issued or paid (a draft has no number, a void one is not owed). */
  async one(id: string, query: InvoiceExportQueryDto): Promise<AccountingFile> {
    const invoice = await this.invoices.get(id);
    if (!EXPORTABLE.includes(invoice.status)) throw new ConflictException(`The invoice is ${invoice.status}; only issued or paid invoices are exported to accounting`);
    return this.file(`${invoice.number}-${query.format ?? 'generic'}.csv`, [invoice], query);
  }

  /** The issued and paid invoices dated within the period (an empty period gives the header row alone). */
  async period(query: InvoicePeriodExportQueryDto): Promise<AccountingFile> {
    const found = await this.repository.issuedBetween(query.from, query.to);
    const lines = new Map<string, InvoiceLine[]>();
    for (const l of await this.repository.linesOf(found.map((i) => i.id))) lines.set(l.invoiceId, [...(lines.get(l.invoiceId) ?? []), l]);
    return this.file(`invoices-${query.from}-${query.to}-${query.format ?? 'generic'}.csv`, found.map((i) => withLines(i, lines.get(i.id) ?? [])), query);
  }

  private file(fileName: string, invoices: InvoiceWithLinesDto[], query: InvoiceExportQueryDto): AccountingFile {
    const format = query.format ?? 'generic';
    return { fileName, columns: COLUMNS_OF[format], rows: invoices.flatMap((i) => accountingRows(format, i, query)) };
  }
}

import { Injectable } from '@nestjs/common';
import { TenantRepository } from '@clockwork/server-core';
import { Invoice, InvoiceLine } from '@clockwork/shared-entities';
import { In } from 'typeorm';

/** The invoices an accounting export reads: issued or paid, with their lines. */
@Injectable()
export class AccountingExportRepository extends TenantRepository<Invoice> {
  constructor() {
    super(Invoice, 'Invoice');
  }

  /** Issued and paid invoices dated within [from, to], by date then number. */
  issuedBetween(from: string, to: string): Promise<Invoice[]> {
    return this.scoped('i')
      .andWhere(`i.status IN ('issued', 'paid')`)
      .andWhere('i.invoice_date BETWEEN :from AND :to', { from, to })
      .orderBy('i.invoice_date', 'ASC')
      .addOrderBy('i.number', 'ASC')
      .getMany();
  }

  /** The lines of the given invoices, by invoice and position. */
  linesOf(invoiceIds: string[]): Promise<InvoiceLine[]> {
    if (invoiceIds.length === 0) return Promise.resolve([]);
    return this.dataSource.manager.getRepository(InvoiceLine).find({ where: { organizationId: this.organizationId, invoiceId: In(invoiceIds) }, order: { invoiceId: 'ASC', position: 'ASC' } });
  }
}

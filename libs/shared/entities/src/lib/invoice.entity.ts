import { Column, Entity } from 'typeorm';
import { VersionedTenantEntity } from './tenant-base.entity';

export const INVOICE_STATUSES = ['draft', 'issued', 'paid', 'void'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

/** An exchange rate an invoice used, as it was stored on the invoice date. */
export interface UsedExchangeRate {
  base_currency: string;
  quote_currency: string;
  rate: string;
  rate_date: string;
}

/** An invoice of billable time for one account or deal and period. Money: numeric(18,2) strings. */
@Entity('invoices')
export class Invoice extends VersionedTenantEntity {
  @Column({ type: 'text', nullable: true }) number: string | null;
  @Column({ type: 'text' }) status: InvoiceStatus;
  @Column({ type: 'uuid', nullable: true }) accountId: string | null;
  @Column({ type: 'uuid', nullable: true }) dealId: string | null;
  @Column({ type: 'text' }) customerName: string;
  @Column({ type: 'date' }) periodFrom: string;
  @Column({ type: 'date' }) periodTo: string;
  @Column({ type: 'date' }) invoiceDate: string;
  @Column({ type: 'text' }) currency: string;
  @Column({ type: 'numeric', precision: 18, scale: 2 }) subtotal: string;
  @Column({ type: 'numeric', precision: 5, scale: 2 }) taxRatePercent: string;
  @Column({ type: 'numeric', precision: 18, scale: 2 }) taxAmount: string;
  @Column({ type: 'numeric', precision: 18, scale: 2 }) total: string;
  @Column({ type: 'text', nullable: true }) notes: string | null;
  @Column({ type: 'jsonb', default: () => "'[]'::jsonb" }) exchangeRates: UsedExchangeRate[];
  @Column({ type: 'timestamptz', nullable: true }) issuedAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) paidAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) voidedAt: Date | null;
  @Column({ type: 'text', nullable: true }) voidReason: string | null;
  @Column({ type: 'uuid', nullable: true }) createdBy: string | null;
}

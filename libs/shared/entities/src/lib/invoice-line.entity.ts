import { Column, Entity } from 'typeorm';
import { TenantBaseEntity } from './tenant-base.entity';

export type InvoiceLineKind = 'time' | 'milestone' | 'retainer' | 'overage';

/** One line of an invoice: the time of one deal and person at one rate, and the entries behind it. */
@Entity('invoice_lines')
export class InvoiceLine extends TenantBaseEntity {
  @Column({ type: 'uuid' }) invoiceId: string;
  @Column({ type: 'integer' }) position: number;
  @Column({ type: 'text' }) description: string;
  @Column({ type: 'uuid', nullable: true }) dealId: string | null;
  @Column({ type: 'uuid', nullable: true }) userId: string | null;
  /** bigint: read back as a string. */
  @Column({ type: 'bigint' }) seconds: string;
  @Column({ type: 'numeric', precision: 14, scale: 2 }) hours: string;
  @Column({ type: 'numeric', precision: 14, scale: 2 }) hourlyRate: string;
  @Column({ type: 'text' }) rateCurrency: string;
  @Column({ type: 'uuid', nullable: true }) rateId: string | null;
  @Column({ type: 'text' }) rateLevel: string;
  @Column({ type: 'numeric', precision: 20, scale: 10 }) exchangeRate: string;
  @Column({ type: 'date', nullable: true }) exchangeRateDate: string | null;
  @Column({ type: 'numeric', precision: 18, scale: 2 }) amount: string;
  @Column({ type: 'uuid', array: true }) timeEntryIds: string[];
  /** time: hours at a rate; milestone, retainer, overage: the deal's billing model (docs/billing-models.md). */
  @Column({ type: 'text', default: 'time' }) kind: InvoiceLineKind;
  @Column({ type: 'uuid', nullable: true }) milestoneId: string | null;
  /** The first day of the retainer month a retainer or overage line bills. */
  @Column({ type: 'date', nullable: true }) retainerMonth: string | null;
}

import { Column, Entity } from 'typeorm';
import { TenantBaseEntity } from './tenant-base.entity';

/** 1 `base_currency` = `rate` `quote_currency` on `rate_date`. */
@Entity('exchange_rates')
export class ExchangeRate extends TenantBaseEntity {
  @Column({ type: 'text' }) baseCurrency: string;
  @Column({ type: 'text' }) quoteCurrency: string;
  /** numeric(20,10): read back as a string. */
  @Column({ type: 'numeric', precision: 20, scale: 10 }) rate: string;
  @Column({ type: 'date' }) rateDate: string;
}

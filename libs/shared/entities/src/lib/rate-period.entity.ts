import { Column } from 'typeorm';
import { VersionedTenantEntity } from './tenant-base.entity';

/**
 * What an hourly rate and a cost rate both have besides their scope and amount: the amount's
 * currency and the days it applies (valid_to null: open-ended). Periods of one scope may not
 * overlap (each table's exclusion constraint).
 */
export abstract class RatePeriodEntity extends VersionedTenantEntity {
  @Column({ type: 'text' }) currency: string;
  @Column({ type: 'date' }) validFrom: string;
  @Column({ type: 'date', nullable: true }) validTo: string | null;
}

import type { RateDto } from '@clockwork/shared-dto';
import type { BillingRate } from '@clockwork/shared-entities';
import { datedRateFields } from '../rate-period.mapper';

export function toRateDto(r: BillingRate): RateDto {
  return {
    id: r.id,
    level: r.level,
    account_id: r.accountId,
    deal_id: r.dealId,
    user_id: r.userId,
    hourly_rate: r.hourlyRate,
    ...datedRateFields(r),
  };
}

export const RATE_CSV_COLUMNS: (keyof RateDto)[] = ['id', 'level', 'account_id', 'deal_id', 'user_id', 'hourly_rate', 'currency', 'valid_from', 'valid_to', 'created_at', 'updated_at'];

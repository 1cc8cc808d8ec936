import type { RateDto } from '@clockwork/shared-dto';
import type { BillingRate } from '@clockwork/shared-entities';

export function toRateDto(r: BillingRate): RateDto {
  return {
    id: r.id,
    level: r.level,
    account_id: r.accountId,
    deal_id: r.dealId,
    user_id: r.userId,
    hourly_rate: r.hourlyRate,
    currency: r.currency,
    valid_from: r.validFrom,
    valid_to: r.validTo,
    version: r.version,
    created_at: r.createdAt.toISOString(),
    updated_at: r.updatedAt.toISOString(),
  };
}

export const RATE_CSV_COLUMNS: (keyof RateDto)[] = ['id', 'level', 'account_id', 'deal_id', 'user_id', 'hourly_rate', 'currency', 'valid_from', 'valid_to', 'created_at', 'updated_at'];

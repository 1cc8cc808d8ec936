import type { CostRateDto, Role } from '@clockwork/shared-dto';
import type { CostRate } from '@clockwork/shared-entities';
import { datedRateFields } from '../rate-period.mapper';

export function toCostRateDto(r: CostRate): CostRateDto {
  return {
    id: r.id,
    level: r.level,
    user_id: r.userId,
    role: r.role as Role | null,
    hourly_cost: r.hourlyCost,
    ...datedRateFields(r),
  };
}

export const COST_RATE_CSV_COLUMNS: (keyof CostRateDto)[] = ['id', 'level', 'user_id', 'role', 'hourly_cost', 'currency', 'valid_from', 'valid_to', 'created_at', 'updated_at'];

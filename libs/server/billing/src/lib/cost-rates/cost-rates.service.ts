import { Injectable } from '@nestjs/common';
import { AuditedRecord, RecordReads, RecordWriter } from '@clockwork/server-core';
import type { CostRateDto, CostRateQueryDto, CreateCostRateDto, PatchCostRateDto } from '@clockwork/shared-dto';
import type { CostRate } from '@clockwork/shared-entities';
import { fieldError, overlapToConflict as overlap, periodAfter } from '../rate-periods.rules';
import { toCostRateDto } from './cost-rate.mapper';
import { CostRatesRepository } from './cost-rates.repository';

const overlapToConflict = overlap('Another cost rate of the same user or role');

const COST_RATE: AuditedRecord<CostRate> = { objectType: 'cost_rate', view: toCostRateDto };

/** Cost rates (`/cost-rates`, admins and managers): CRUD in one transaction each, audited (`cost_rate`). */
@Injectable()
export class CostRatesService extends RecordReads<CostRate, CostRateQueryDto, CostRateDto> {
  constructor(
    private readonly records: RecordWriter,
    private readonly costRates: CostRatesRepository,
  ) {
    super(costRates, toCostRateDto);
  }

  create(dto: CreateCostRateDto): Promise<CostRateDto> {
    if (!dto.user_id === !dto.role) throw fieldError('user_id', 'give exactly one of user_id and role');
    return this.records
      .transaction(async (manager) => {
        const rate = await this.costRates.insert(manager, {
          level: dto.user_id ? 'user' : 'role',
          userId: dto.user_id ?? null,
          role: dto.role ?? null,
          hourlyCost: dto.hourly_cost,
          currency: dto.currency,
          validFrom: dto.valid_from,
          validTo: dto.valid_to ?? null,
        });
        await this.records.written(manager, COST_RATE, 'create', null, rate);
        return toCostRateDto(rate);
      })
      .catch(overlapToConflict);
  }

  update(id: string, dto: PatchCostRateDto, expectedVersion?: number): Promise<CostRateDto> {
    return this.records
      .transaction(async (manager) => {
        const { before, after } = await this.records.updateVersioned(manager, this.costRates, id, expectedVersion, 'cost rate', (stored) => ({
          ...(dto.hourly_cost !== undefined ? { hourlyCost: dto.hourly_cost } : {}),
          ...(dto.currency !== undefined ? { currency: dto.currency } : {}),
          ...periodAfter(dto, stored),
        }));
        await this.records.written(manager, COST_RATE, 'update', before, after);
        return toCostRateDto(after);
      })
      .catch(overlapToConflict);
  }

  remove(id: string): Promise<void> {
    return this.records.transaction(async (manager) => this.records.written(manager, COST_RATE, 'delete', await this.records.deleteLocked(manager, this.costRates, id), null));
  }
}

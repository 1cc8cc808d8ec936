import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { assertVersion, AuditWriter } from '@clockwork/server-core';
import type { CostRateDto, CostRatePageDto, CostRateQueryDto, CreateCostRateDto, PatchCostRateDto } from '@clockwork/shared-dto';
import type { CostRate } from '@clockwork/shared-entities';
import { DataSource, EntityManager } from 'typeorm';
import { fieldError, overlapToConflict as overlap, periodAfter } from '../rate-periods.rules';
import { toCostRateDto } from './cost-rate.mapper';
import { CostRatesRepository } from './cost-rates.repository';

const overlapToConflict = overlap('Another cost rate of the same user or role');

/** Cost rates (`/cost-rates`, admins and managers): CRUD in one transaction each, audited (`cost_rate`). */
@Injectable()
export class CostRatesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly costRates: CostRatesRepository,
    private readonly audit: AuditWriter,
  ) {}

  list(query: CostRateQueryDto): Promise<CostRatePageDto> {
    return this.costRates.listPage(query, toCostRateDto);
  }

  async get(id: string): Promise<CostRateDto> {
    return toCostRateDto(await this.costRates.getById(id));
  }

  create(dto: CreateCostRateDto): Promise<CostRateDto> {
    if (!dto.user_id === !dto.role) throw fieldError('user_id', 'give exactly one of user_id and role');
    return this.dataSource
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
        await this.written(manager, 'create', null, rate);
        return toCostRateDto(rate);
      })
      .catch(overlapToConflict);
  }

  update(id: string, dto: PatchCostRateDto, expectedVersion?: number): Promise<CostRateDto> {
    return this.dataSource
      .transaction(async (manager) => {
        const before = await this.costRates.lockById(manager, id);
        assertVersion(before.version, expectedVersion, 'cost rate');
        const { validFrom, validTo } = periodAfter(dto, before);
        const after = await this.costRates.updateById(manager, id, {
          ...(dto.hourly_cost !== undefined ? { hourlyCost: dto.hourly_cost } : {}),
          ...(dto.currency !== undefined ? { currency: dto.currency } : {}),
          validFrom,
          validTo,
          version: () => 'version + 1',
        });
        await this.written(manager, 'update', before, after);
        return toCostRateDto(after);
      })
      .catch(overlapToConflict);
  }

  remove(id: string): Promise<void> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.costRates.lockById(manager, id);
      await this.costRates.deleteById(manager, id);
      await this.written(manager, 'delete', before, null);
    });
  }

  private async written(manager: EntityManager, action: 'create' | 'update' | 'delete', before: CostRate | null, after: CostRate | null): Promise<void> {
    const id = (after ?? before)?.id as string;
    await this.audit.record(manager, { action, objectType: 'cost_rate', objectId: id, before: before && toCostRateDto(before), after: after && toCostRateDto(after) });
  }
}

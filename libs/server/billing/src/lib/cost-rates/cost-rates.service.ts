import { BadRequestException, ConflictException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { assertVersion, AuditWriter } from '@clockwork/server-core';
import type { CostRateDto, CostRatePageDto, CostRateQueryDto, CreateCostRateDto, PatchCostRateDto } from '@clockwork/shared-dto';
import type { CostRate } from '@clockwork/shared-entities';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { toCostRateDto } from './cost-rate.mapper';
import { CostRatesRepository } from './cost-rates.repository';

const fieldError = (field: string, message: string) => new BadRequestException({ message: `Validation failed: ${message}`, details: [{ field, errors: [message] }] });

function overlapToConflict(error: unknown): never {
  if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23P01') {
    throw new ConflictException('Another cost rate of the same user or role applies in an overlapping period; end it (valid_to) or change the dates');
  }
  throw error;
}

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
        const validFrom = dto.valid_from ?? before.validFrom;
        const validTo = dto.valid_to !== undefined ? dto.valid_to : before.validTo;
        if (validTo !== null && validTo < validFrom) throw fieldError('valid_to', 'valid_to must be on or after valid_from');
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

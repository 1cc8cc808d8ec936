import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { assertVersion, AuditWriter, RequestContext } from '@clockwork/server-core';
import type { BillingRateLevel, CreateRateDto, PatchRateDto, RateDto, RatePageDto, RateQueryDto } from '@clockwork/shared-dto';
import type { BillingRate } from '@clockwork/shared-entities';
import { DataSource, EntityManager } from 'typeorm';
import { fieldError, overlapToConflict as overlap, periodAfter } from '../rate-periods.rules';
import { toRateDto } from './rate.mapper';
import { RatesRepository } from './rates.repository';

/** The level a rate's ids give it (see RATE_OF_ENTRY for the precedence). */
export function levelOf(dto: Pick<CreateRateDto, 'account_id' | 'deal_id' | 'user_id'>): BillingRateLevel {
  if (dto.account_id && (dto.deal_id || dto.user_id)) throw fieldError('account_id', 'account_id cannot be combined with deal_id or user_id');
  if (dto.deal_id && dto.user_id) return 'deal_user';
  if (dto.deal_id) return 'deal';
  if (dto.account_id) return 'account';
  if (dto.user_id) return 'user';
  return 'organization';
}

/** An overlapping period of the same scope (the exclusion constraint) as a 409 that says so. */
const overlapToConflict = overlap('Another rate of the same scope');

/** Hourly rates: CRUD in one transaction each, audited (`rate`). */
@Injectable()
export class RatesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly rates: RatesRepository,
    private readonly audit: AuditWriter,
    private readonly context: RequestContext,
  ) {}

  list(query: RateQueryDto): Promise<RatePageDto> {
    return this.rates.listPage(query, toRateDto);
  }

  async get(id: string): Promise<RateDto> {
    return toRateDto(await this.rates.getById(id));
  }

  create(dto: CreateRateDto): Promise<RateDto> {
    const level = levelOf(dto);
    return this.dataSource
      .transaction(async (manager) => {
        const rate = await this.rates.insert(manager, {
          level,
          accountId: dto.account_id ?? null,
          dealId: dto.deal_id ?? null,
          userId: dto.user_id ?? null,
          hourlyRate: dto.hourly_rate,
          currency: dto.currency,
          validFrom: dto.valid_from,
          validTo: dto.valid_to ?? null,
        });
        await this.written(manager, 'create', null, rate);
        return toRateDto(rate);
      })
      .catch(overlapToConflict);
  }

  update(id: string, dto: PatchRateDto, expectedVersion?: number): Promise<RateDto> {
    return this.dataSource
      .transaction(async (manager) => {
        const before = await this.rates.lockById(manager, id);
        assertVersion(before.version, expectedVersion, 'rate');
        const { validFrom, validTo } = periodAfter(dto, before);
        const after = await this.rates.updateById(manager, id, {
          ...(dto.hourly_rate !== undefined ? { hourlyRate: dto.hourly_rate } : {}),
          ...(dto.currency !== undefined ? { currency: dto.currency } : {}),
          validFrom,
          validTo,
          version: () => 'version + 1',
        });
        await this.written(manager, 'update', before, after);
        return toRateDto(after);
      })
      .catch(overlapToConflict);
  }

  remove(id: string): Promise<void> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.rates.lockById(manager, id);
      await this.rates.deleteById(manager, id);
      await this.written(manager, 'delete', before, null);
    });
  }

  private async written(manager: EntityManager, action: 'create' | 'update' | 'delete', before: BillingRate | null, after: BillingRate | null): Promise<void> {
    const id = (after ?? before)?.id as string;
    await this.audit.record(manager, { action, objectType: 'rate', objectId: id, before: before && toRateDto(before), after: after && toRateDto(after) });
  }
}

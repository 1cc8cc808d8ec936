import { Injectable } from '@nestjs/common';
import { AuditedRecord, RecordReads, RecordWriter } from '@clockwork/server-core';
import type { BillingRateLevel, CreateRateDto, PatchRateDto, RateDto, RateQueryDto } from '@clockwork/shared-dto';
import type { BillingRate } from '@clockwork/shared-entities';
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

const RATE: AuditedRecord<BillingRate> = { objectType: 'rate', view: toRateDto };

/** Hourly rates: CRUD in one transaction each, audited (`rate`). */
@Injectable()
export class RatesService extends RecordReads<BillingRate, RateQueryDto, RateDto> {
  constructor(
    private readonly records: RecordWriter,
    private readonly rates: RatesRepository,
  ) {
    super(rates, toRateDto);
  }

  create(dto: CreateRateDto): Promise<RateDto> {
    const level = levelOf(dto);
    return this.records
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
        await this.records.written(manager, RATE, 'create', null, rate);
        return toRateDto(rate);
      })
      .catch(overlapToConflict);
  }

  update(id: string, dto: PatchRateDto, expectedVersion?: number): Promise<RateDto> {
    return this.records
      .transaction(async (manager) => {
        const { before, after } = await this.records.updateVersioned(manager, this.rates, id, expectedVersion, 'rate', (stored) => ({
          ...(dto.hourly_rate !== undefined ? { hourlyRate: dto.hourly_rate } : {}),
          ...(dto.currency !== undefined ? { currency: dto.currency } : {}),
          ...periodAfter(dto, stored),
        }));
        await this.records.written(manager, RATE, 'update', before, after);
        return toRateDto(after);
      })
      .catch(overlapToConflict);
  }

  remove(id: string): Promise<void> {
    return this.records.transaction(async (manager) => this.records.written(manager, RATE, 'delete', await this.records.deleteLocked(manager, this.rates, id), null));
  }
}

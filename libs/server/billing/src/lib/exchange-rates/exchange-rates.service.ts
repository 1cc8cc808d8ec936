import { BadRequestException, ConflictException, Injectable } from '@nestjs/common';
import { AuditedRecord, RecordReads, RecordWriter } from '@clockwork/server-core';
import type { CreateExchangeRateDto, ExchangeRateDto, ExchangeRateQueryDto } from '@clockwork/shared-dto';
import type { ExchangeRate } from '@clockwork/shared-entities';
import { QueryFailedError } from 'typeorm';
import { ExchangeRatesRepository } from './exchange-rates.repository';

export function toExchangeRateDto(x: ExchangeRate): ExchangeRateDto {
  return {
    id: x.id,
    base_currency: x.baseCurrency,
    quote_currency: x.quoteCurrency,
    rate: x.rate,
    rate_date: x.rateDate,
    created_at: x.createdAt.toISOString(),
    updated_at: x.updatedAt.toISOString(),
  };
}

const EXCHANGE_RATE: AuditedRecord<ExchangeRate> = { objectType: 'exchange_rate', view: toExchangeRateDto };

export const EXCHANGE_RATE_CSV_COLUMNS: (keyof ExchangeRateDto)[] = ['id', 'base_currency', 'quote_currency', 'rate', 'rate_date', 'created_at'];

/**
 * Stored exchange rates. Invoices copy the rate they used, so deleting or adding rates never
 * changes an invoice already built; a rate is a fact of its day (create, delete; no edit).
 */
@Injectable()
export class ExchangeRatesService extends RecordReads<ExchangeRate, ExchangeRateQueryDto, ExchangeRateDto> {
  constructor(
    private readonly records: RecordWriter,
    private readonly rates: ExchangeRatesRepository,
  ) {
    super(rates, toExchangeRateDto);
  }

  create(dto: CreateExchangeRateDto): Promise<ExchangeRateDto> {
    if (dto.base_currency === dto.quote_currency) {
      const message = 'quote_currency must differ from base_currency';
      throw new BadRequestException({ message: `Validation failed: ${message}`, details: [{ field: 'quote_currency', errors: [message] }] });
    }
    if (/^0*(\.0*)?$/.test(dto.rate)) {
      const message = 'rate must be greater than 0';
      throw new BadRequestException({ message: `Validation failed: ${message}`, details: [{ field: 'rate', errors: [message] }] });
    }
    return this.records
      .transaction(async (manager) => {
        const rate = await this.rates.insert(manager, { baseCurrency: dto.base_currency, quoteCurrency: dto.quote_currency, rate: dto.rate, rateDate: dto.rate_date });
        await this.records.written(manager, EXCHANGE_RATE, 'create', null, rate);
        return toExchangeRateDto(rate);
      })
      .catch((error: unknown) => {
        if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505') {
          throw new ConflictException(`A ${dto.base_currency}->${dto.quote_currency} rate for ${dto.rate_date} is already stored; delete it first`);
        }
        throw error;
      });
  }

  remove(id: string): Promise<void> {
    return this.records.transaction(async (manager) => this.records.written(manager, EXCHANGE_RATE, 'delete', await this.records.deleteLocked(manager, this.rates, id), null));
  }
}

import { BadRequestException, ConflictException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditWriter } from '@clockwork/server-core';
import type { CreateExchangeRateDto, ExchangeRateDto, ExchangeRatePageDto, ExchangeRateQueryDto } from '@clockwork/shared-dto';
import type { ExchangeRate } from '@clockwork/shared-entities';
import { DataSource, QueryFailedError } from 'typeorm';
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

export const EXCHANGE_RATE_CSV_COLUMNS: (keyof ExchangeRateDto)[] = ['id', 'base_currency', 'quote_currency', 'rate', 'rate_date', 'created_at'];

/**
 * Stored exchange rates. Invoices copy the rate they used, so deleting or adding rates never
 * changes an invoice already built; a rate is a fact of its day (create, delete; no edit).
 */
@Injectable()
export class ExchangeRatesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly rates: ExchangeRatesRepository,
    private readonly audit: AuditWriter,
  ) {}

  list(query: ExchangeRateQueryDto): Promise<ExchangeRatePageDto> {
    return this.rates.listPage(query, toExchangeRateDto);
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
    return this.dataSource
      .transaction(async (manager) => {
        const rate = await this.rates.insert(manager, { baseCurrency: dto.base_currency, quoteCurrency: dto.quote_currency, rate: dto.rate, rateDate: dto.rate_date });
        await this.audit.record(manager, { action: 'create', objectType: 'exchange_rate', objectId: rate.id, before: null, after: toExchangeRateDto(rate) });
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
    return this.dataSource.transaction(async (manager) => {
      const before = await this.rates.lockById(manager, id);
      await this.rates.deleteById(manager, id);
      await this.audit.record(manager, { action: 'delete', objectType: 'exchange_rate', objectId: id, before: toExchangeRateDto(before), after: null });
    });
  }
}

import { Module } from '@nestjs/common';
import { AccountingExportController } from './accounting-export/accounting-export.controller';
import { AccountingExportRepository } from './accounting-export/accounting-export.repository';
import { AccountingExportService } from './accounting-export/accounting-export.service';
import { ExchangeRatesController } from './exchange-rates/exchange-rates.controller';
import { ExchangeRatesRepository } from './exchange-rates/exchange-rates.repository';
import { ExchangeRatesService } from './exchange-rates/exchange-rates.service';
import { InvoicesController } from './invoices/invoices.controller';
import { InvoicesRepository } from './invoices/invoices.repository';
import { InvoicesService } from './invoices/invoices.service';
import { RatesController } from './rates/rates.controller';
import { RatesRepository } from './rates/rates.repository';
import { RatesService } from './rates/rates.service';

/** Billing: hourly rates, exchange rates and invoices (`/rates`, `/exchange-rates`, `/invoices`) and their accounting exports (`/invoices/export`, `/invoices/{id}/export`). */
@Module({
  controllers: [RatesController, ExchangeRatesController, AccountingExportController, InvoicesController],
  providers: [RatesService, RatesRepository, ExchangeRatesService, ExchangeRatesRepository, InvoicesService, InvoicesRepository, AccountingExportService, AccountingExportRepository],
  exports: [RatesRepository, InvoicesService],
})
export class BillingModule {}

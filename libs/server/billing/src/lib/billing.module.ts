import { Module } from '@nestjs/common';
import { CostRatesController } from './cost-rates/cost-rates.controller';
import { CostRatesRepository } from './cost-rates/cost-rates.repository';
import { CostRatesService } from './cost-rates/cost-rates.service';
import { ExchangeRatesController } from './exchange-rates/exchange-rates.controller';
import { ExchangeRatesRepository } from './exchange-rates/exchange-rates.repository';
import { ExchangeRatesService } from './exchange-rates/exchange-rates.service';
import { InvoicesController } from './invoices/invoices.controller';
import { InvoicesRepository } from './invoices/invoices.repository';
import { InvoicesService } from './invoices/invoices.service';
import { RatesController } from './rates/rates.controller';
import { RatesRepository } from './rates/rates.repository';
import { RatesService } from './rates/rates.service';

/** Billing: hourly rates, cost rates, exchange rates and invoices (`/rates`, `/cost-rates`, `/exchange-rates`, `/invoices`). */
@Module({
  controllers: [RatesController, CostRatesController, ExchangeRatesController, InvoicesController],
  providers: [RatesService, RatesRepository, CostRatesService, CostRatesRepository, ExchangeRatesService, ExchangeRatesRepository, InvoicesService, InvoicesRepository],
  exports: [RatesRepository, RatesService, InvoicesService],
})
export class BillingModule {}

import { Module } from '@nestjs/common';
import { DealBillingController } from './billing-models/deal-billing.controller';
import { DealBillingRepository } from './billing-models/deal-billing.repository';
import { DealMilestonesService } from './billing-models/deal-milestones.service';
import { ModelInvoiceService } from './billing-models/model-invoice.service';
import { RetainerBalanceService } from './billing-models/retainer-balance.service';
import { CostRatesController } from './cost-rates/cost-rates.controller';
import { CostRatesRepository } from './cost-rates/cost-rates.repository';
import { CostRatesService } from './cost-rates/cost-rates.service';
import { AccountingExportController } from './accounting-export/accounting-export.controller';
import { AccountingExportRepository } from './accounting-export/accounting-export.repository';
import { AccountingExportService } from './accounting-export/accounting-export.service';
import { AccountingConnectService } from './accounting-sync/accounting-connect.service';
import { AccountingConnectionsRepository } from './accounting-sync/accounting-connections.repository';
import { AccountingOAuthStateStore } from './accounting-sync/accounting-oauth-state.store';
import { AccountingPushesRepository } from './accounting-sync/accounting-pushes.repository';
import { AccountingPushesService } from './accounting-sync/accounting-pushes.service';
import { AccountingTokens } from './accounting-sync/accounting-tokens.store';
import { AccountingController } from './accounting-sync/accounting.controller';
import { GenericOAuthProvider } from './accounting-sync/generic-oauth.client';
import { ExchangeRatesController } from './exchange-rates/exchange-rates.controller';
import { ExchangeRatesRepository } from './exchange-rates/exchange-rates.repository';
import { ExchangeRatesService } from './exchange-rates/exchange-rates.service';
import { InvoicesController } from './invoices/invoices.controller';
import { InvoicesRepository } from './invoices/invoices.repository';
import { InvoicesService } from './invoices/invoices.service';
import { RatesController } from './rates/rates.controller';
import { RatesRepository } from './rates/rates.repository';
import { RatesService } from './rates/rates.service';

/** Billing: the billing models of deals (milestones, retainers: `/deals/{id}/milestones`, `/deals/{id}/retainer-balance`), hourly rates, cost rates, exchange rates and invoices (`/rates`, `/cost-rates`, `/exchange-rates`, `/invoices`) and their accounting exports (`/invoices/export`, `/invoices/{id}/export`); the connected accounting system (`/integrations/{provider}/...`). */
@Module({
  controllers: [RatesController, CostRatesController, ExchangeRatesController, AccountingExportController, InvoicesController, AccountingController, DealBillingController],
  providers: [RatesService, RatesRepository, CostRatesService, CostRatesRepository, ExchangeRatesService, ExchangeRatesRepository, InvoicesService, InvoicesRepository, AccountingExportService, AccountingExportRepository,
    GenericOAuthProvider, AccountingTokens, AccountingConnectionsRepository, AccountingPushesRepository, AccountingOAuthStateStore, AccountingConnectService, AccountingPushesService,
    DealBillingRepository, DealMilestonesService, ModelInvoiceService, RetainerBalanceService,
  ],
  exports: [RatesRepository, RatesService, InvoicesService],
})
export class BillingModule {}

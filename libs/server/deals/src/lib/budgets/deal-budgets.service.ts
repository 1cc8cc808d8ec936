import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditWriter, RequestContext } from '@clockwork/server-core';
import type { BudgetThresholdsDto, DealBudgetDto, DealBudgetListDto } from '@clockwork/shared-dto';
import { BadRequestException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DealsRepository } from '../deals.repository';
import { dealBudgetOf, todayUtc } from './deal-budget-figures.rules';
import { BurnRow, DealBudgetRepository } from './deal-budget.repository';

/** Budgets as the api reads them (`GET /deals/{id}/budget`, `GET /deals/budgets`) and the organization's thresholds. */
@Injectable()
export class DealBudgetsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly budgets: DealBudgetRepository,
    private readonly deals: DealsRepository,
    private readonly audit: AuditWriter,
    private readonly context: RequestContext,
  ) {}

  async get(dealId: string): Promise<DealBudgetDto> {
    const deal = await this.deals.getById(dealId);
    const today = todayUtc();
    const [budgets] = await this.withBurn(this.dataSource.manager, today, await this.budgets.burn(this.dataSource.manager, this.context.organizationId, today, [dealId]));
    const period = deal.budgetPeriod === 'month' ? today.slice(0, 7) : 'life';
    return budgets ?? { deal_id: deal.id, deal_name: deal.name, budget_period: deal.budgetPeriod, period, thresholds: await this.thresholds(), budgets: [] };
  }

  async list(): Promise<DealBudgetListDto> {
    const today = todayUtc();
    const data = await this.withBurn(this.dataSource.manager, today, await this.budgets.burn(this.dataSource.manager, this.context.organizationId, today, null));
    const top = (d: DealBudgetDto) => Math.max(...d.budgets.map((b) => b.percent));
    return { data: data.sort((a, b) => top(b) - top(a) || a.deal_name.localeCompare(b.deal_name)) };
  }

  async thresholds(): Promise<number[]> {
    return this.budgets.thresholds(this.dataSource.manager, this.context.organizationId);
  }

  setThresholds(dto: BudgetThresholdsDto): Promise<BudgetThresholdsDto> {
    if (dto.thresholds.some((t, i) => i > 0 && t <= dto.thresholds[i - 1])) {
      throw new BadRequestException({ message: 'Validation failed: thresholds must be ascending without repeats', details: [{ field: 'thresholds', errors: ['thresholds must be ascending without repeats'] }] });
    }
    return this.dataSource.transaction(async (manager) => {
      const organizationId = this.context.organizationId;
      const before = await this.budgets.thresholds(manager, organizationId);
      const after = await this.budgets.setThresholds(manager, organizationId, dto.thresholds);
      await this.audit.record(manager, { action: 'update', objectType: 'budget_thresholds', objectId: organizationId, before: { thresholds: before }, after: { thresholds: after } });
      return { thresholds: after };
    });
  }

  private async withBurn(manager: EntityManager, today: string, rows: BurnRow[]): Promise<DealBudgetDto[]> {
    const organizationId = this.context.organizationId;
    const [thresholds, alerted] = await Promise.all([this.budgets.thresholds(manager, organizationId), this.budgets.alerted(manager, organizationId, rows)]);
    return rows.map((r) => dealBudgetOf(r, today, thresholds, alerted.filter((a) => a.deal_id === r.deal_id)));
  }
}

import { Injectable } from '@nestjs/common';
import { RecordWriter } from '@clockwork/server-core';
import type { BudgetThresholdsDto, DealBudgetDto, DealBudgetListDto } from '@clockwork/shared-dto';
import { BadRequestException } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DealsRepository } from '../deals.repository';
import { dealBudgetOf, todayUtc } from './deal-budget-figures.rules';
import { BurnRow, DealBudgetRepository } from './deal-budget.repository';

/** Budgets as the api reads them (`GET /deals/{id}/budget`, `GET /deals/budgets`) and the organization's thresholds. */
@Injectable()
export class DealBudgetsService {
  constructor(
    private readonly records: RecordWriter,
    private readonly budgets: DealBudgetRepository,
    private readonly deals: DealsRepository,
  ) {}

  async get(dealId: string): Promise<DealBudgetDto> {
    const deal = await this.deals.getById(dealId);
    const today = todayUtc();
    const [budgets] = await this.withBurn(this.records.manager, today, await this.budgets.burn(this.records.manager, this.records.organizationId, today, [dealId]));
    const period = deal.budgetPeriod === 'month' ? today.slice(0, 7) : 'life';
    return budgets ?? { deal_id: deal.id, deal_name: deal.name, budget_period: deal.budgetPeriod, period, thresholds: await this.thresholds(), budgets: [] };
  }

  async list(): Promise<DealBudgetListDto> {
    const today = todayUtc();
    const data = await this.withBurn(this.records.manager, today, await this.budgets.burn(this.records.manager, this.records.organizationId, today, null));
    const top = (d: DealBudgetDto) => Math.max(...d.budgets.map((b) => b.percent));
    return { data: data.sort((a, b) => top(b) - top(a) || a.deal_name.localeCompare(b.deal_name)) };
  }

  async thresholds(): Promise<number[]> {
    return this.budgets.thresholds(this.records.manager, this.records.organizationId);
  }

  setThresholds(dto: BudgetThresholdsDto): Promise<BudgetThresholdsDto> {
    if (dto.thresholds.some((t, i) => i > 0 && t <= dto.thresholds[i - 1])) {
      throw new BadRequestException({ message: 'Validation failed: thresholds must be ascending without repeats', details: [{ field: 'thresholds', errors: ['thresholds must be ascending without repeats'] }] });
    }
    return this.records.transaction(async (manager) => {
      const organizationId = this.records.organizationId;
      const before = await this.budgets.thresholds(manager, organizationId);
      const after = await this.budgets.setThresholds(manager, organizationId, dto.thresholds);
      await this.records.audit(manager, { action: 'update', objectType: 'budget_thresholds', objectId: organizationId, before: { thresholds: before }, after: { thresholds: after } });
      return { thresholds: after };
    });
  }

  private async withBurn(manager: EntityManager, today: string, rows: BurnRow[]): Promise<DealBudgetDto[]> {
    const organizationId = this.records.organizationId;
    const [thresholds, alerted] = await Promise.all([this.budgets.thresholds(manager, organizationId), this.budgets.alerted(manager, organizationId, rows)]);
    return rows.map((r) => dealBudgetOf(r, today, thresholds, alerted.filter((a) => a.deal_id === r.deal_id)));
  }
}

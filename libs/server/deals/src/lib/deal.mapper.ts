import type { CustomFieldValues, DealDto, DealStageHistoryEntryDto } from '@clockwork/shared-dto';
import type { Deal } from '@clockwork/shared-entities';
import type { StageHistoryRow } from './deal-stage-history.repository';

/** The wire shape of a deal (snake_case, ISO timestamps, value as a decimal string). */
export function toDealDto(d: Deal): DealDto {
  return {
    id: d.id,
    account_id: d.accountId,
    name: d.name,
    description: d.description,
    value: d.value,
    currency: d.currency,
    pipeline_id: d.pipelineId,
    stage: d.stage,
    owner_id: d.ownerId,
    start_date: d.startDate,
    end_date: d.endDate,
    closed_at: d.closedAt ? d.closedAt.toISOString() : null,
    close_reason: d.closeReason,
    metadata: d.metadata,
    custom_fields: d.customFields as CustomFieldValues,
    hours_budget: d.hoursBudget,
    money_budget: d.moneyBudget,
    budget_period: d.budgetPeriod,
    billing_model: d.billingModel,
    retainer:
      d.billingModel === 'retainer' && d.retainerStartsOn
        ? {
            hours_per_month: d.retainerHoursPerMonth as string,
            price_cents: Number(d.retainerPriceCents),
            overage_rate_cents: Number(d.retainerOverageRateCents),
            rollover_months: d.retainerRolloverMonths as number,
            starts_on: d.retainerStartsOn,
          }
        : null,
    version: d.version,
    created_at: d.createdAt.toISOString(),
    updated_at: d.updatedAt.toISOString(),
  };
}

export function toStageHistoryEntryDto(row: StageHistoryRow): DealStageHistoryEntryDto {
  return {
    from_stage: row.from_stage,
    to_stage: row.to_stage,
    entered_at: row.entered_at.toISOString(),
    changed_by: row.changed_by,
    seconds_in_stage: Math.max(0, Math.round(Number(row.seconds_in_stage) * 1000) / 1000),
  };
}

/** The CSV columns of a deal export, in order. */
export const DEAL_CSV_COLUMNS: (keyof DealDto)[] = [
  'id', 'account_id', 'name', 'description', 'value', 'currency', 'stage', 'owner_id', 'start_date', 'end_date', 'closed_at', 'close_reason', 'metadata', 'hours_budget', 'money_budget', 'budget_period', 'billing_model', 'custom_fields', 'created_at', 'updated_at', 'pipeline_id',
];

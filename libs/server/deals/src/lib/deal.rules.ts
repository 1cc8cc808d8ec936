import { BadRequestException } from '@nestjs/common';
import type { PatchDealDto, StageKind } from '@clockwork/shared-dto';
import type { Deal } from '@clockwork/shared-entities';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

/** The defaults a PUT (or a POST) gives the fields it leaves out (the stage: the pipeline's first open stage). */
export const DEAL_DEFAULTS = { value: '0', currency: 'USD', budgetPeriod: 'life' as const, billingModel: 'hourly' as const };

/** A stage of a pipeline, as the deal rules see it. */
export interface DealStagePlace {
  pipelineId: string;
  key: string;
  kind: StageKind;
}

/**
 * DTO fields -> entity columns, stage excepted (see `stageColumns`); `replace` (PUT, POST) sets
 * every field, `patch` only those sent.
 */
export function dealColumns(dto: PatchDealDto, replace: boolean): QueryDeepPartialEntity<Deal> {
  const pick = <T>(value: T | undefined, fallback: T | null) => (value !== undefined ? value : replace ? fallback : undefined);
  const orDefault = <T>(value: T | undefined, fallback: T) => (value !== undefined ? value : replace ? fallback : undefined);
  const values: QueryDeepPartialEntity<Deal> = {
    name: dto.name,
    description: pick(dto.description, null),
    value: orDefault(dto.value, DEAL_DEFAULTS.value),
    currency: orDefault(dto.currency, DEAL_DEFAULTS.currency),
    accountId: pick(dto.account_id, null),
    ownerId: pick(dto.owner_id, null),
    startDate: pick(dto.start_date, null),
    endDate: pick(dto.end_date, null),
    metadata: pick(dto.metadata, {}) as QueryDeepPartialEntity<Record<string, unknown>>,
    hoursBudget: pick(dto.hours_budget, null),
    moneyBudget: pick(dto.money_budget, null),
    budgetPeriod: orDefault(dto.budget_period, DEAL_DEFAULTS.budgetPeriod),
    billingModel: orDefault(dto.billing_model, DEAL_DEFAULTS.billingModel),
    ...retainerColumns(dto.retainer === undefined && replace ? null : dto.retainer),
  };
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
}

/**
 * The columns a move from `from` (null: a new deal) to `to` sets: entering a won or lost stage
 * from a stage of another kind closes the deal now (with the reason, if any); moving between
 * stages of the same closed kind (another pipeline's won stage) keeps closed_at; entering an
 * open stage reopens it (closed_at and close_reason cleared). No move, no change.
 */
export function stageColumns(from: DealStagePlace | null, to: DealStagePlace, reason: string | null = null): QueryDeepPartialEntity<Deal> {
  if (from && from.pipelineId === to.pipelineId && from.key === to.key) return {};
  const moved = { pipelineId: to.pipelineId, stage: to.key };
  if (to.kind === 'open') return { ...moved, closedAt: null, closeReason: null };
  if (from && from.kind === to.kind) return moved;
  return { ...moved, closedAt: () => 'now()', closeReason: reason };
}

/** 400 naming end_date when the deal would end before it starts (dates as YYYY-MM-DD). */
export function assertDateOrder(startDate: string | null, endDate: string | null): void {
  if (startDate && endDate && endDate < startDate) {
    const message = `end_date (${endDate}) must not be before start_date (${startDate})`;
    throw new BadRequestException({ message: `Validation failed: ${message}`, details: [{ field: 'end_date', errors: [message] }] });
  }
}

/** The start and end dates after a write: those sent, else null (PUT) or the current ones (PATCH). */
export function datesAfter(dto: PatchDealDto, replace: boolean, before: Pick<Deal, 'startDate' | 'endDate'> | null): [string | null, string | null] {
  const keep = <T>(sent: T | undefined, current: T | null) => (sent !== undefined ? sent : replace || !before ? null : current);
  return [keep(dto.start_date, before?.startDate ?? null), keep(dto.end_date, before?.endDate ?? null)];
}

/** The retainer_* columns of the retainer sent (null clears them; undefined leaves them). */
function retainerColumns(retainer: PatchDealDto['retainer']): QueryDeepPartialEntity<Deal> {
  if (retainer === undefined) return {};
  return {
    retainerHoursPerMonth: retainer ? retainer.hours_per_month : null,
    retainerPriceCents: retainer ? String(retainer.price_cents) : null,
    retainerOverageRateCents: retainer ? String(retainer.overage_rate_cents) : null,
    retainerRolloverMonths: retainer ? retainer.rollover_months : null,
    retainerStartsOn: retainer ? retainer.starts_on : null,
  };
}

/**
 * 400 naming `retainer` when the deal would bill as a retainer without its terms; the terms of
 * a deal that no longer bills as a retainer are cleared (returned as the columns to add).
 */
export function billingModelColumns(dto: PatchDealDto, replace: boolean, before: Pick<Deal, 'billingModel' | 'retainerStartsOn'> | null): QueryDeepPartialEntity<Deal> {
  const model = dto.billing_model ?? (replace || !before ? DEAL_DEFAULTS.billingModel : before.billingModel);
  const hasTerms = dto.retainer !== undefined ? dto.retainer !== null : !replace && !!before?.retainerStartsOn;
  if (model === 'retainer' && !hasTerms) {
    const message = 'retainer (hours_per_month, price_cents, overage_rate_cents, rollover_months, starts_on) is required when billing_model is retainer';
    throw new BadRequestException({ message: `Validation failed: ${message}`, details: [{ field: 'retainer', errors: [message] }] });
  }
  return model === 'retainer' ? {} : retainerColumns(null);
}

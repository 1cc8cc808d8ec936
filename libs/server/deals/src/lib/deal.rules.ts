import { BadRequestException } from '@nestjs/common';
import { isClosedStage, type PatchDealDto } from '@clockwork/shared-dto';
import type { Deal, DealStage } from '@clockwork/shared-entities';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

/** The defaults a PUT (or a POST) gives the fields it leaves out. */
export const DEAL_DEFAULTS = { value: '0', currency: 'USD', stage: 'prospecting' as DealStage, budgetPeriod: 'life' as const };

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
  };
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
}

/** The stage a write leaves the deal in: the one sent, else the default (PUT) or the current one (PATCH). */
export function nextStage(dto: PatchDealDto, replace: boolean, current: DealStage | null): DealStage {
  return dto.stage ?? (replace || !current ? DEAL_DEFAULTS.stage : current);
}

/**
 * The columns a move from `from` (null: a new deal) to `to` sets: entering won or lost closes
 * the deal now (with the reason, if any); entering an open stage reopens it (closed_at and
 * close_reason cleared). No move, no change.
 */
export function stageColumns(from: DealStage | null, to: DealStage, reason: string | null = null): QueryDeepPartialEntity<Deal> {
  if (from === to) return {};
  if (isClosedStage(to)) return { stage: to, closedAt: () => 'now()', closeReason: reason };
  return { stage: to, closedAt: null, closeReason: null };
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

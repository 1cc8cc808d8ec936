import type { DealMilestoneDto } from '@clockwork/shared-dto';
import type { DealMilestone } from '@clockwork/shared-entities';

export function toMilestoneDto(m: DealMilestone): DealMilestoneDto {
  return {
    id: m.id,
    deal_id: m.dealId,
    name: m.name,
    amount_cents: Number(m.amountCents),
    due_on: m.dueOn,
    status: m.status,
    reached_on: m.reachedOn,
    invoice_id: m.invoiceId,
    version: m.version,
    created_at: m.createdAt.toISOString(),
    updated_at: m.updatedAt.toISOString(),
  };
}

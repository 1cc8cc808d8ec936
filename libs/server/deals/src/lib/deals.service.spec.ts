import { ConflictException, ForbiddenException } from '@nestjs/common';
import { AuditWriter, OutboxWriter, type Principal } from '@clockwork/server-core';
import { newTestService } from '@clockwork/server-core/testing';
import type { Deal } from '@clockwork/shared-entities';
import type { EntityManager } from 'typeorm';
import { DealStageHistoryRepository } from './deal-stage-history.repository';
import { DealsRepository } from './deals.repository';
import { DealsService } from './deals.service';
import { PipelinesRepository, type StageRow } from './pipelines/pipelines.repository';

/** The default pipeline's stages (p1). */
const STAGES: StageRow[] = (['prospecting', 'qualification', 'proposal', 'negotiation', 'won', 'lost'] as const).map((key, position) => ({
  id: `s${position}`,
  pipelineId: 'p1',
  key,
  name: key,
  position,
  probability: 0,
  kind: key === 'won' || key === 'lost' ? key : 'open',
  dealCount: 0,
}));

const deal = (over: Partial<Deal> = {}): Deal =>
  ({
    id: 'd1',
    organizationId: 'o1',
    accountId: null,
    name: 'Deal',
    description: null,
    value: '10.00',
    currency: 'USD',
    stage: 'proposal',
    pipelineId: 'p1',
    ownerId: 'u1',
    startDate: null,
    endDate: null,
    closedAt: null,
    closeReason: null,
    metadata: {},
    version: 1,
    createdAt: new Date(0),
    updatedAt: new Date(0),
    ...over,
  }) as Deal;

function setup(before: Deal, principal: Principal = { kind: 'user', id: 'u1', organizationId: 'o1', role: 'admin' }) {
  const { sut: service, mock } = newTestService(DealsService, { principal });
  const deals = mock(DealsRepository);
  deals.lockById.mockResolvedValue(before);
  deals.updateById.mockImplementation(async (_m: EntityManager, _id: string, values: Record<string, unknown>) => {
    const plain = Object.fromEntries(Object.entries(values).filter(([, v]) => typeof v !== 'function'));
    return deal({ ...before, ...plain, ...(typeof values['closedAt'] === 'function' ? { closedAt: new Date(1000) } : {}), version: before.version + 1 });
  });
  const history = mock(DealStageHistoryRepository);
  mock(PipelinesRepository).stagesOf.mockResolvedValue(STAGES);
  const audit = mock(AuditWriter);
  const outbox = mock(OutboxWriter);
  const eventTypes = () => outbox.record.mock.calls.map((c) => c[1].type);
  return { service, deals, history, audit, outbox, eventTypes };
}

describe('DealsService', () => {
  it('closes an open deal: one close audit row, one history row, updated + stage_changed + closed events', async () => {
    const { service, history, audit, eventTypes, outbox } = setup(deal({ stage: 'negotiation' }));
    const dto = await service.close('d1', { outcome: 'won', reason: 'Signed' });
    expect(dto).toMatchObject({ stage: 'won', close_reason: 'Signed', closed_at: new Date(1000).toISOString() });
    expect(history.record).toHaveBeenCalledTimes(1);
    expect(history.record).toHaveBeenCalledWith(expect.anything(), 'd1', 'negotiation', 'won', 'u1');
    expect(audit.record).toHaveBeenCalledTimes(1);
    expect(audit.record.mock.calls[0][1]).toMatchObject({ action: 'close', objectType: 'deal', objectId: 'd1' });
    expect(eventTypes()).toEqual(['deal.updated', 'deal.stage_changed', 'deal.closed']);
    expect(outbox.record.mock.calls[1][1].payload).toMatchObject({ from_stage: 'negotiation', to_stage: 'won' });
  });

  it('refuses to close a won or lost deal with 409 and writes nothing', async () => {
    for (const stage of ['won', 'lost'] as const) {
      const { service, deals, history, audit, outbox } = setup(deal({ stage, closedAt: new Date(0) }));
      await expect(service.close('d1', { outcome: 'lost' })).rejects.toThrow(ConflictException);
      expect(deals.updateById).not.toHaveBeenCalled();
      expect(history.record).not.toHaveBeenCalled();
      expect(audit.record).not.toHaveBeenCalled();
      expect(outbox.record).not.toHaveBeenCalled();
    }
  });

  it('records no history and only deal.updated when an update leaves the stage alone', async () => {
    const { service, history, eventTypes } = setup(deal());
    await service.update('d1', { description: 'x', stage: 'proposal' }, false);
    expect(history.record).not.toHaveBeenCalled();
    expect(eventTypes()).toEqual(['deal.updated']);
  });

  it('reopens a closed deal moved to an open stage: history row, no deal.closed', async () => {
    const { service, deals, history, eventTypes } = setup(deal({ stage: 'lost', closedAt: new Date(0), closeReason: 'x' }));
    const dto = await service.update('d1', { stage: 'qualification' }, false);
    expect(deals.updateById.mock.calls[0][2]).toMatchObject({ stage: 'qualification', closedAt: null, closeReason: null });
    expect(dto).toMatchObject({ stage: 'qualification', closed_at: null, close_reason: null });
    expect(history.record).toHaveBeenCalledWith(expect.anything(), 'd1', 'lost', 'qualification', 'u1');
    expect(eventTypes()).toEqual(['deal.updated', 'deal.stage_changed']);
  });

  it('lets sales change only their own deals, and records an API key as nobody', async () => {
    const stranger = setup(deal({ ownerId: 'someone-else' }), { kind: 'user', id: 'u1', organizationId: 'o1', role: 'sales' });
    await expect(stranger.service.close('d1', { outcome: 'won' })).rejects.toThrow(ForbiddenException);
    await expect(stranger.service.update('d1', { stage: 'won' }, false)).rejects.toThrow(ForbiddenException);
    await expect(stranger.service.remove('d1')).rejects.toThrow(ForbiddenException);
    expect(stranger.audit.record).not.toHaveBeenCalled();

    const key = setup(deal(), { kind: 'api_key', id: 'k1', organizationId: 'o1', role: 'manager' });
    await key.service.update('d1', { stage: 'negotiation' }, false);
    expect(key.history.record).toHaveBeenCalledWith(expect.anything(), 'd1', 'proposal', 'negotiation', null);
  });

  it('refuses an end date before the stored start date before touching the deal', async () => {
    const { service, deals } = setup(deal({ startDate: '2026-05-10' }));
    await expect(service.update('d1', { end_date: '2026-05-01' }, false)).rejects.toMatchObject({ response: { details: [{ field: 'end_date' }] } });
    expect(deals.updateById).not.toHaveBeenCalled();
  });
});

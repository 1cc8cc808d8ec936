import { AuditWriter, OutboxWriter, type Principal } from '@clockwork/server-core';
import { mockStoredRecord, newTestService, testCaller } from '@clockwork/server-core/testing';
import { ParentRecords, READABLE_PARENT_TYPES } from '@clockwork/server-notes';
import type { Activity, ParentType } from '@clockwork/shared-entities';
import { BadRequestException, ForbiddenException, NotFoundException } from '@nestjs/common';
import { ActivitiesRepository } from './activities.repository';
import { ActivitiesService } from './activities.service';

const activity = (over: Partial<Activity> = {}): Activity =>
  ({ id: 'a1', organizationId: 'o1', type: 'call', subject: 'Intro', occurredAt: new Date(0), durationMinutes: 10, outcome: 'connected', notes: null, accountId: 'acc1', contactId: null, dealId: null, ownerId: 'owner', createdAt: new Date(0), updatedAt: new Date(0), ...over }) as Activity;

function setup(stored: Activity, principal: Partial<Principal>) {
  const caller = testCaller(principal);
  const { sut: service, mock } = newTestService(ActivitiesService, { principal: caller });
  const activities = mock(ActivitiesRepository);
  mockStoredRecord(activities, stored, activity);
  activities.userExists.mockResolvedValue(true);
  mock(ParentRecords).assertReadable.mockImplementation(async (type: ParentType) => {
    if (!READABLE_PARENT_TYPES[caller.role].includes(type)) throw new NotFoundException('Account not found');
  });
  return { service, activities, audit: mock(AuditWriter), outbox: mock(OutboxWriter), parents: mock(ParentRecords) };
}

const body = { type: 'call' as const, subject: 'Call', occurred_at: '2026-03-01T09:00:00.000Z', duration_minutes: 5, outcome: 'connected' };

describe('ActivitiesService', () => {
  it('checks every linked record and credits the caller, or nobody for an API key', async () => {
    const user = setup(activity(), { id: 'u9' });
    await user.service.create({ ...body, account_id: 'acc1', deal_id: 'd1' });
    expect(user.parents.assertReadable.mock.calls.map((c) => [c[0], c[1]])).toEqual([
      ['account', 'acc1'],
      ['deal', 'd1'],
    ]);
    expect(user.activities.insert.mock.calls[0][1]).toMatchObject({ accountId: 'acc1', contactId: null, dealId: 'd1', ownerId: 'u9' });
    const key = setup(activity(), { kind: 'api_key', id: 'k1' });
    await key.service.create({ ...body, contact_id: 'c1' });
    expect(key.activities.insert.mock.calls[0][1]).toMatchObject({ ownerId: null });
  });

  it('hides an activity linked to a record the role may not read (support and accounts)', async () => {
    const support = setup(activity(), { role: 'support' });
    await expect(support.service.get('a1')).rejects.toBeInstanceOf(NotFoundException);
    await expect(support.service.create({ ...body, account_id: 'acc1' })).rejects.toBeInstanceOf(NotFoundException);
    expect(support.activities.insert).not.toHaveBeenCalled();
    await expect(setup(activity({ accountId: null, contactId: 'c1' }), { role: 'support' }).service.get('a1')).resolves.toMatchObject({ contact_id: 'c1' });
  });

  it('lets the owner, managers and admins change an activity; others get 403', async () => {
    await expect(setup(activity(), { id: 'owner' }).service.update('a1', { subject: 'New' })).resolves.toMatchObject({ subject: 'New' });
    await expect(setup(activity(), { role: 'manager' }).service.update('a1', { subject: 'New' })).resolves.toMatchObject({ subject: 'New' });
    const other = setup(activity(), { id: 'other' });
    await expect(other.service.remove('a1')).rejects.toBeInstanceOf(ForbiddenException);
    expect(other.activities.deleteById).not.toHaveBeenCalled();
  });

  it('refuses a type change whose outcome does not fit, naming outcome, and writes nothing', async () => {
    const { service, activities, audit } = setup(activity(), { id: 'owner' });
    const error = await service.update('a1', { type: 'meeting' }).catch((e) => e);
    expect(error).toBeInstanceOf(BadRequestException);
    expect(error.getResponse()).toMatchObject({ details: [{ field: 'outcome' }] });
    expect(activities.updateById).not.toHaveBeenCalled();
    expect(audit.record).not.toHaveBeenCalled();
  });

  it('records an audit row and an activity.* event with each write', async () => {
    const { service, audit, outbox } = setup(activity(), { id: 'owner' });
    await service.create({ ...body, account_id: 'acc1' });
    await service.update('a1', { outcome: 'busy' });
    await service.remove('a1');
    expect(audit.record.mock.calls.map((c) => c[1].action)).toEqual(['create', 'update', 'delete']);
    expect(outbox.record.mock.calls.map((c) => c[1].type)).toEqual(['activity.created', 'activity.updated', 'activity.deleted']);
    expect(outbox.record.mock.calls[2][1].payload).toEqual({ id: 'a1' });
  });

  it('totals the report rows it returns', async () => {
    const { service, activities } = setup(activity(), { role: 'manager' });
    activities.report.mockResolvedValue([
      { key: 'call', count: 3, total_duration_minutes: 40 },
      { key: 'meeting', count: 2, total_duration_minutes: 90 },
    ]);
    await expect(service.report({ group_by: 'type' })).resolves.toMatchObject({ group_by: 'type', total_count: 5, total_duration_minutes: 130 });
  });
});

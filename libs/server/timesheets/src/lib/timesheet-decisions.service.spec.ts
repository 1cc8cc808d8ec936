import { ConflictException } from '@nestjs/common';
import { AuditWriter, OutboxWriter } from '@clockwork/server-core';
import { newTestService } from '@clockwork/server-core/testing';
import { NotificationWriter } from '@clockwork/server-notifications';
import type { TimesheetDto } from '@clockwork/shared-dto';
import type { Timesheet } from '@clockwork/shared-entities';
import { OrganizationSettingsRepository } from './organization-settings.repository';
import { TimesheetDecisionsService } from './timesheet-decisions.service';
import { toTimesheetDto } from './timesheet.mapper';
import { TimesheetsReadService } from './timesheets-read.service';
import { TimesheetsRepository } from './timesheets.repository';

const sheet = (over: Partial<Timesheet> = {}): Timesheet =>
  ({
    id: 'ts-1', organizationId: 'o1', userId: 'person', periodStart: '2026-11-30', periodEnd: '2026-12-07', status: 'submitted', comment: null,
    submittedAt: new Date(0), submittedBy: 'person', decidedAt: null, decidedBy: null, version: 1, createdAt: new Date(0), updatedAt: new Date(0), ...over,
  }) as Timesheet;

function setup(stored: Timesheet | null) {
  const t = newTestService(TimesheetDecisionsService);
  const repo = t.mock(TimesheetsRepository);
  repo.lockById.mockResolvedValue(stored as Timesheet);
  repo.lockByPeriod.mockResolvedValue(stored);
  repo.overlapping.mockResolvedValue(null);
  repo.stampEntries.mockResolvedValue(3);
  repo.clearEntries.mockResolvedValue(3);
  repo.approvers.mockResolvedValue(['u1', 'manager']);
  repo.updateById.mockImplementation(async (_m, _id, values) => sheet({ ...(stored ?? {}), ...(values as Partial<Timesheet>), version: 2 }));
  repo.insert.mockImplementation(async (_m, values) => sheet({ ...(values as Partial<Timesheet>) }));
  const reader = t.mock(TimesheetsReadService);
  reader.readable.mockImplementation((x) => x);
  reader.subjectUser.mockResolvedValue('person');
  reader.withFigures.mockImplementation(async (rows) => rows.map((r) => toTimesheetDto(r)) as TimesheetDto[]);
  t.mock(OrganizationSettingsRepository).get.mockResolvedValue({ timesheetPeriod: 'week', invoicesRequireApproval: false, timezone: 'UTC', autoApplySuggestions: false, suggestionConfidenceThreshold: '0.900' });
  return { ...t, repo, audit: t.mock(AuditWriter), outbox: t.mock(OutboxWriter), notifications: t.mock(NotificationWriter) };
}

describe('TimesheetDecisionsService', () => {
  it('approves a submitted timesheet: locks its entries, audits the count, records the event and tells the person', async () => {
    const { sut, repo, audit, outbox, notifications } = setup(sheet());
    await expect(sut.approve('ts-1', { comment: 'Fine' })).resolves.toMatchObject({ status: 'approved', comment: 'Fine', decided_by: 'u1' });
    expect(repo.stampEntries).toHaveBeenCalledTimes(1);
    expect(audit.record.mock.calls[0][1]).toMatchObject({ action: 'approve', objectType: 'timesheet', objectId: 'ts-1', details: { time_entries: 3 } });
    expect(outbox.record.mock.calls[0][1]).toMatchObject({ type: 'timesheet.approved', aggregateId: 'ts-1' });
    expect(notifications.record.mock.calls[0][2]).toMatchObject({ userId: 'person', kind: 'timesheet.approved' });
  });

  it.each([
    ['approve', 'open'],
    ['approve', 'approved'],
    ['reject', 'rejected'],
    ['reopen', 'open'],
  ] as const)('refuses to %s a timesheet that is %s (409 naming its status), changing nothing', async (step, status) => {
    const { sut, repo, audit } = setup(sheet({ status }));
    const call = step === 'reject' ? sut.reject('ts-1', { comment: 'No' }) : sut[step]('ts-1', {});
    await expect(call).rejects.toThrow(new ConflictException(`Timesheet ts-1 (2026-11-30) is ${status}; it cannot be ${step === 'approve' ? 'approved' : step === 'reject' ? 'rejected' : 'reopened'}`));
    expect(repo.updateById).not.toHaveBeenCalled();
    expect(repo.stampEntries).not.toHaveBeenCalled();
    expect(audit.record).not.toHaveBeenCalled();
  });

  it('reopening an approved timesheet unlocks its entries; reopening a rejected one has none to unlock', async () => {
    const approved = setup(sheet({ status: 'approved' }));
    await approved.sut.reopen('ts-1', {});
    expect(approved.repo.clearEntries).toHaveBeenCalledWith(expect.anything(), 'ts-1');
    expect(approved.audit.record.mock.calls[0][1]).toMatchObject({ action: 'reopen', details: { time_entries: 3 } });
    const rejected = setup(sheet({ status: 'rejected' }));
    await rejected.sut.reopen('ts-1', {});
    expect(rejected.repo.clearEntries).not.toHaveBeenCalled();
  });

  it('submits a new period (Monday to Monday) and tells every approver but the one who submitted', async () => {
    const { sut, repo, notifications } = setup(null);
    await expect(sut.submit({ date: '2026-12-03' })).resolves.toMatchObject({ status: 'submitted', period_start: '2026-11-30', period_end: '2026-12-07' });
    expect(repo.insert.mock.calls[0][1]).toMatchObject({ userId: 'person', periodStart: '2026-11-30', periodEnd: '2026-12-07', status: 'submitted', submittedBy: 'u1' });
    expect(notifications.recordMany.mock.calls[0][2].map((n) => n.userId)).toEqual(['manager']);
  });

  it('refuses to submit a period that is already approved', async () => {
    const { sut, repo } = setup(sheet({ status: 'approved' }));
    await expect(sut.submit({ date: '2026-12-03' })).rejects.toThrow(ConflictException);
    expect(repo.updateById).not.toHaveBeenCalled();
  });
});

import { NotFoundException } from '@nestjs/common';
import { decodeCursor, encodeCursor, type Principal, type RequestContext } from '@clockwork/server-core';
import { BUILTIN_TIMELINE_SOURCES } from './sources/builtin.source';
import type { TimelineBranch, TimelineSource } from './timeline-source.types';
import { branchSql, TimelineRepository, TimelineRow } from './timeline.repository';
import { TimelineService } from './timeline.service';
import { TimelineSources } from './timeline-sources.registry';

const principal = (role: Principal['role']): Principal => ({ kind: 'user', id: '00000000-0000-7000-8000-0000000000aa', organizationId: 'o1', role });
const row = (n: number, at: string): TimelineRow => ({ type: 'note', at: new Date(at), id: `00000000-0000-7000-8000-00000000000${n}`, summary: `n${n}`, data: {} });

function setup(role: Principal['role'], rows: TimelineRow[] = []) {
  const repository = { assertSubject: jest.fn(async () => undefined), page: jest.fn(async () => rows) } as unknown as jest.Mocked<TimelineRepository>;
  const sources = new TimelineSources();
  const service = new TimelineService(repository, sources, { principal: principal(role) } as unknown as RequestContext);
  return { service, repository, sources };
}

describe('TimelineService', () => {
  it('pages newest first with a cursor at the last item shown', async () => {
    const { service, repository } = setup('admin', [row(3, '2026-01-03T00:00:00.000Z'), row(2, '2026-01-02T00:00:00.000Z'), row(1, '2026-01-01T00:00:00.000Z')]);
    const page = await service.forAccount('acc', { limit: 2 });
    expect(page.data.map((i) => i.summary)).toEqual(['n3', 'n2']);
    expect(decodeCursor(page.next_cursor as string, { cast: 'timestamptz' })).toEqual({ value: '2026-01-02T00:00:00.000Z', id: row(2, '').id });
    expect(repository.page).toHaveBeenCalledWith(expect.any(Array), 'acc', { id: principal('admin').id, isAdmin: true }, null, 3);

    const cursor = encodeCursor({ value: '2026-01-02T00:00:00.000Z', id: row(2, '').id });
    await service.forContact('c', { cursor });
    expect(repository.page.mock.calls[1][3]).toEqual({ value: '2026-01-02T00:00:00.000Z', id: row(2, '').id });
  });

  it('answers 404 before reading anything when the record is not of the organization', async () => {
    const { service, repository } = setup('admin');
    repository.assertSubject.mockRejectedValueOnce(new NotFoundException('Account not found'));
    await expect(service.forAccount('other', {})).rejects.toThrow(NotFoundException);
    expect(repository.page).not.toHaveBeenCalled();
  });

  it('shows support no deal items', async () => {
    const { service, repository } = setup('support');
    await service.forContact('c', {});
    const branches = repository.page.mock.calls[0][0] as TimelineBranch[];
    expect(branches.map((b) => b.type).sort()).toEqual(['audit', 'note']);
    expect(branches.some((b) => /deals/.test(b.from))).toBe(false);
  });

  it('includes the branches of a registered source (the time_entry extension point)', async () => {
    const { service, repository, sources } = setup('manager');
    const extra: TimelineBranch = { type: 'time_entry', from: 'FROM time_entries e', organizationColumn: 'e.organization_id', where: [], at: 'e.start_time', id: 'e.id', summary: "''", data: "'{}'" };
    const source: TimelineSource = { forAccount: () => [extra], forContact: () => [] };
    sources.register(source);
    await service.forAccount('acc', {});
    expect(repository.page.mock.calls[0][0]).toContain(extra);
  });
});

describe('timeline SQL', () => {
  it('filters every built-in branch by the organization and hides private notes from others than author and admins', () => {
    const branches = BUILTIN_TIMELINE_SOURCES.flatMap((s) => [...s.forAccount({ principal: principal('admin') }), ...s.forContact({ principal: principal('admin') })]);
    expect(branches.length).toBeGreaterThanOrEqual(7);
    for (const b of branches) {
      const sql = branchSql(b, true);
      expect(sql).toContain(`WHERE ${b.organizationColumn} = $1 AND`);
      expect(sql).toContain(`(${b.at}, ${b.id}) < ($6::timestamptz, $7::uuid)`);
      if (b.type === 'note') expect(sql).toContain('(NOT n.is_private OR n.author_id = $3::uuid OR $4::boolean)');
    }
  });

  it('refuses an item type that is not a plain identifier', () => {
    expect(() => branchSql({ type: "x'; DROP TABLE notes; --", from: '', organizationColumn: '', where: [], at: '', id: '', summary: '', data: '' }, false)).toThrow(/not an identifier/);
  });
});

import { ForbiddenException, NotFoundException, PreconditionFailedException } from '@nestjs/common';
import { AuditWriter, OutboxWriter, type Principal } from '@clockwork/server-core';
import { newTestService } from '@clockwork/server-core/testing';
import type { Task } from '@clockwork/shared-entities';
import type { EntityManager } from 'typeorm';
import { completedAtFor } from './task.rules';
import { TasksRepository } from './tasks.repository';
import { TasksService } from './tasks.service';

const T0 = new Date('2026-01-01T00:00:00.000Z');
const id = (n: number) => `00000000-0000-7000-8000-00000000000${n}`;

const task = (over: Partial<Task> = {}): Task =>
  ({
    id: id(1),
    organizationId: 'o1',
    dealId: null,
    title: 'Call back',
    description: null,
    assignedTo: null,
    status: 'todo',
    priority: 'medium',
    dueDate: null,
    estimatedHours: null,
    completedAt: null,
    createdBy: null,
    version: 1,
    createdAt: T0,
    updatedAt: T0,
    ...over,
  }) as Task;

const user = (role: Principal['role'], userId = 'u-caller'): Principal => ({ kind: 'user', id: userId, organizationId: 'o1', role });

function setup(stored: Task[], principal: Principal = user('admin')) {
  const { sut: service, mock } = newTestService(TasksService, { principal });
  const byId = new Map(stored.map((t) => [t.id, t]));
  const tasks = mock(TasksRepository);
  tasks.lockById.mockImplementation(async (_m: EntityManager, taskId: string) => {
    const found = byId.get(taskId);
    if (!found) throw new NotFoundException('Task not found');
    return found;
  });
  tasks.insert.mockImplementation(async (_m: EntityManager, values: Record<string, unknown>) => task({ ...(values as Partial<Task>), id: id(9) } as Partial<Task>));
  tasks.updateById.mockImplementation(async (_m: EntityManager, taskId: string, values: Record<string, unknown>) =>
    task({ ...byId.get(taskId), ...Object.fromEntries(Object.entries(values).filter(([k]) => k !== 'version')), version: (byId.get(taskId)?.version ?? 0) + 1 }),
  );
  tasks.lockMany.mockImplementation(async (_m: EntityManager, ids: string[]) => stored.filter((t) => ids.includes(t.id)));
  tasks.assignMany.mockImplementation(async (_m: EntityManager, ids: string[], assignedTo: string | null) =>
    stored.filter((t) => ids.includes(t.id)).map((t) => task({ ...t, assignedTo, version: t.version + 1 })),
  );
  return { service, tasks, audit: mock(AuditWriter), outbox: mock(OutboxWriter) };
}

describe('completedAtFor', () => {
  const now = new Date('2026-02-02T00:00:00.000Z');
  it('stamps a task that becomes done, keeps the stamp while it stays done, clears it when it leaves done', () => {
    expect(completedAtFor(null, 'done', now)).toBe(now);
    expect(completedAtFor(null, 'todo', now)).toBeNull();
    expect(completedAtFor({ status: 'in_progress', completedAt: null }, 'done', now)).toBe(now);
    expect(completedAtFor({ status: 'done', completedAt: T0 }, 'done', now)).toBe(T0);
    expect(completedAtFor({ status: 'done', completedAt: T0 }, 'blocked', now)).toBeNull();
  });
});

describe('TasksService', () => {
  it('records who created a task and stamps completed_at when it is created done', async () => {
    const { service, tasks, audit, outbox } = setup([], user('sales', 'u-sales'));
    await service.create({ title: 'Done already', status: 'done' });
    expect(tasks.insert.mock.calls[0][1]).toMatchObject({ title: 'Done already', status: 'done', createdBy: 'u-sales', completedAt: expect.any(Date) });
    expect(audit.record.mock.calls[0][1]).toMatchObject({ action: 'create', objectType: 'task' });
    expect(outbox.record.mock.calls[0][1]).toMatchObject({ type: 'task.created', aggregateType: 'task' });
  });

  it('leaves created_by empty for an API key', async () => {
    const { service, tasks } = setup([], { kind: 'api_key', id: 'k1', organizationId: 'o1', role: 'sales' });
    await service.create({ title: 'From an integration' });
    expect(tasks.insert.mock.calls[0][1]).toMatchObject({ createdBy: null, completedAt: null });
  });

  it('sets completed_at when a task becomes done and clears it when it is reopened', async () => {
    const done = await setup([task()]).service.update(id(1), { status: 'done' });
    expect(done.completed_at).toEqual(expect.any(String));
    const reopened = await setup([task({ status: 'done', completedAt: T0 })]).service.update(id(1), { status: 'todo' });
    expect(reopened.completed_at).toBeNull();
    const edited = await setup([task({ status: 'done', completedAt: T0 })]).service.update(id(1), { title: 'Renamed' });
    expect(edited.completed_at).toBe(T0.toISOString());
  });

  it('lets sales change a task assigned to them or created by them, and nothing else', async () => {
    const sales = user('sales', 'u-sales');
    await expect(setup([task({ assignedTo: 'u-sales' })], sales).service.update(id(1), { title: 'x' })).resolves.toMatchObject({ title: 'x' });
    await expect(setup([task({ createdBy: 'u-sales' })], sales).service.remove(id(1))).resolves.toBeUndefined();
    const other = setup([task({ assignedTo: 'u-other', createdBy: 'u-other' })], sales);
    await expect(other.service.update(id(1), { title: 'x' })).rejects.toThrow(ForbiddenException);
    await expect(other.service.remove(id(1))).rejects.toThrow(ForbiddenException);
    expect(other.tasks.updateById).not.toHaveBeenCalled();
    expect(other.tasks.deleteById).not.toHaveBeenCalled();
    expect(other.audit.record).not.toHaveBeenCalled();
    await expect(setup([task({ assignedTo: 'u-other' })], user('support')).service.update(id(1), { status: 'done' })).resolves.toMatchObject({ status: 'done' });
  });

  it('refuses a stale If-Match version', async () => {
    await expect(setup([task({ version: 3 })]).service.update(id(1), { title: 'x' }, 2)).rejects.toThrow(PreconditionFailedException);
  });

  describe('bulkAssign', () => {
    it('assigns none and names the missing ids when any id is not a task of the organization', async () => {
      const { service, tasks, audit, outbox } = setup([task({ id: id(1) }), task({ id: id(2) })]);
      const err = await service.bulkAssign({ task_ids: [id(1), id(3), id(2), id(4)], assigned_to: 'u-new' }).catch((e: NotFoundException) => e);
      expect(err).toBeInstanceOf(NotFoundException);
      expect((err as NotFoundException).getResponse()).toMatchObject({
        message: `2 of task_ids are not a task of this organization: ${id(3)}, ${id(4)}`,
        details: [{ field: 'task_ids', errors: [`${id(3)} is not a task of this organization`, `${id(4)} is not a task of this organization`] }],
      });
      expect(tasks.assignMany).not.toHaveBeenCalled();
      expect(audit.record).not.toHaveBeenCalled();
      expect(outbox.record).not.toHaveBeenCalled();
    });

    it('writes one audit row and one task.updated event per task whose assignee changes', async () => {
      const { service, tasks, audit, outbox } = setup([task({ id: id(1) }), task({ id: id(2), assignedTo: 'u-new' }), task({ id: id(3), assignedTo: 'u-old' })]);
      const result = await service.bulkAssign({ task_ids: [id(1), id(2), id(3), id(1)], assigned_to: 'u-new' });
      expect(result.updated).toBe(2);
      expect(result.data.map((t) => [t.id, t.assigned_to])).toEqual([
        [id(1), 'u-new'],
        [id(2), 'u-new'],
        [id(3), 'u-new'],
      ]);
      expect(tasks.assignMany).toHaveBeenCalledWith(expect.anything(), [id(1), id(3)], 'u-new');
      expect(audit.record.mock.calls.map((c) => [c[1].objectId, c[1].action])).toEqual([
        [id(1), 'update'],
        [id(3), 'update'],
      ]);
      expect(audit.record.mock.calls[1][1]).toMatchObject({ before: { assigned_to: 'u-old' }, after: { assigned_to: 'u-new' } });
      expect(outbox.record.mock.calls.map((c) => [c[1].type, c[1].aggregateId])).toEqual([
        ['task.updated', id(1)],
        ['task.updated', id(3)],
      ]);
    });
  });

  it("lists /tasks/mine as the caller's assignee filter and refuses a caller that is not a user", async () => {
    const { service, tasks } = setup([], user('support', 'u-me'));
    (tasks as unknown as { listPage: jest.Mock }).listPage = jest.fn(async () => ({ data: [], next_cursor: null }));
    await service.listMine({ status: 'todo' });
    expect((tasks as unknown as { listPage: jest.Mock }).listPage.mock.calls[0][0]).toEqual({ status: 'todo', assigned_to: 'u-me' });
    await expect(setup([], { kind: 'api_key', id: 'k1', organizationId: 'o1', role: 'admin' }).service.listMine({})).rejects.toThrow(ForbiddenException);
  });
});

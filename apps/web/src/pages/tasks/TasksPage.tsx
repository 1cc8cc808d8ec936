import type { TaskDto } from '@clockwork/api-client';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useDealOptions, useUsers } from '../../api/lookups';
import { useAuth } from '../../auth/AuthProvider';
import { can } from '../../auth/permissions';
import { Button } from '../../components/Button';
import { SelectFilter } from '../../components/Filters';
import { NamedSelect, Select } from '../../components/Form';
import { ListPanel, newRecordsEmpty } from '../../components/ListPanel';
import { Modal } from '../../components/Modal';
import { PageHeader } from '../../components/PageHeader';
import { RowsTable, Td, Th } from '../../components/Table';
import { PriorityBadge, taskPriorities, taskStatuses, taskStatusLabels, type TaskStatus } from '../../components/badges';
import { formatDate } from '../../lib/format';
import { useListPage } from '../../lib/use-list-page';
import { TaskForm } from './TaskForm';
import { useBulkAssign, useChangeTaskStatus, useTasks } from './tasks.queries';

const FILTERS = ['status', 'priority', 'assigned_to', 'deal_id'] as const;
const SAVED = { list: 'tasks' } as const;
const dash = <span className="text-slate-400">—</span>;

export function TasksPage() {
  const { user } = useAuth();
  const { users, nameOf } = useUsers();
  const deals = useDealOptions();
  const { values, setFilters, clear, active, creating, setCreating, views } = useListPage(FILTERS, SAVED);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [assignee, setAssignee] = useState('');
  const query = useTasks(values);
  const changeStatus = useChangeTaskStatus();
  const bulk = useBulkAssign(() => setSelected(new Set()));
  const canBulk = can(user?.role, 'bulk-assign');
  const toggle = (id: string) => setSelected((s) => (s.has(id) ? new Set([...s].filter((x) => x !== id)) : new Set(s).add(id)));
  const allSelected = query.rows.length > 0 && query.rows.every((t) => selected.has(t.id));

  return (
    <>
      <PageHeader title="Tasks" description="Work on deals, with assignees, priorities and due dates." actions={<Button icon="plus" onClick={() => setCreating(true)}>New task</Button>} />
      <ListPanel
        views={views}
        query={query}
        active={active}
        onClear={clear}
        empty={newRecordsEmpty('tasks', { one: 'task', many: 'tasks' }, () => setCreating(true))}
        filters={
          <>
            <SelectFilter label="Status" value={values.status} onChange={(status) => setFilters({ status })} options={taskStatuses.map((s) => ({ value: s, label: taskStatusLabels[s] }))} />
            <SelectFilter label="Priority" value={values.priority} onChange={(priority) => setFilters({ priority })} options={taskPriorities.map((p) => ({ value: p, label: p[0].toUpperCase() + p.slice(1) }))} />
            <SelectFilter label="Assignee" value={values.assigned_to} onChange={(assigned_to) => setFilters({ assigned_to })} options={users.map((u) => ({ value: u.id, label: u.name }))} allLabel="Anyone" />
            {deals.deals.length > 0 && <SelectFilter label="Deal" value={values.deal_id} onChange={(deal_id) => setFilters({ deal_id })} options={deals.deals.map((d) => ({ value: d.id, label: d.name }))} />}
          </>
        }
        banner={
          canBulk && selected.size > 0 && (
            <div role="region" aria-label="Bulk actions" className="flex flex-wrap items-center gap-2 border-b border-indigo-100 bg-indigo-50 px-4 py-2.5 text-sm">
              <span className="font-medium text-indigo-900">{selected.size} selected</span>
              <label className="ml-auto flex items-center gap-2">
                <span className="text-indigo-900">Assign to</span>
                <NamedSelect value={assignee} onChange={(e) => setAssignee(e.target.value)} className="w-44 py-1.5" options={users} none="Nobody (unassign)" />
              </label>
              <Button size="sm" busy={bulk.isPending} onClick={() => bulk.mutate({ ids: [...selected], assignee: assignee || null })}>
                Assign
              </Button>
              <Button size="sm" variant="ghost" onClick={() => setSelected(new Set())}>
                Cancel
              </Button>
            </div>
          )
        }
      >
        {(rows) => (
          <RowsTable
            label="Tasks"
            rows={rows}
            rowKey={(t) => t.id}
            selected={(t) => selected.has(t.id)}
            columns={[
              canBulk && (
                <Th className="w-10">
                  <input type="checkbox" aria-label="Select all tasks" checked={allSelected} onChange={() => setSelected(allSelected ? new Set() : new Set(rows.map((t) => t.id)))} className="size-4 rounded border-slate-300 text-indigo-600" />
                </Th>
              ),
              'Task',
              'Status',
              ['Priority', 'hidden sm:table-cell'],
              ['Assignee', 'hidden md:table-cell'],
              ['Due', 'hidden lg:table-cell'],
            ]}
          >
            {(t: TaskDto) => (
              <>
                {canBulk && (
                  <Td>
                    <input type="checkbox" aria-label={`Select ${t.title}`} checked={selected.has(t.id)} onChange={() => toggle(t.id)} className="size-4 rounded border-slate-300 text-indigo-600" />
                  </Td>
                )}
                <Td>
                  <p className="font-medium text-slate-900">{t.title}</p>
                  {t.deal_id && (
                    <Link to={`/deals/${t.deal_id}`} className="text-xs text-slate-500 hover:text-indigo-600">
                      {deals.nameOf(t.deal_id) ?? 'Deal'}
                    </Link>
                  )}
                </Td>
                <Td>
                  <Select aria-label={`Status of ${t.title}`} value={t.status} onChange={(e) => changeStatus.mutate({ task: t, status: e.target.value as TaskStatus })} className="w-32 py-1 text-xs">
                    {taskStatuses.map((s) => (
                      <option key={s} value={s}>
                        {taskStatusLabels[s]}
                      </option>
                    ))}
                  </Select>
                </Td>
                <Td className="hidden sm:table-cell">
                  <PriorityBadge priority={t.priority} />
                </Td>
                <Td className="hidden md:table-cell">{nameOf(t.assigned_to) ?? dash}</Td>
                <Td className="hidden whitespace-nowrap lg:table-cell">{t.due_date ? formatDate(t.due_date) : dash}</Td>
              </>
            )}
          </RowsTable>
        )}
      </ListPanel>
      {creating && (
        <Modal title="New task" onClose={() => setCreating(false)} wide>
          <TaskForm onDone={() => setCreating(false)} />
        </Modal>
      )}
    </>
  );
}

import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useAccountOptions, useUsers } from '../../api/lookups';
import { Button } from '../../components/Button';
import { FilterBar, SearchFilter, SelectFilter } from '../../components/Filters';
import { Modal } from '../../components/Modal';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, QueryState } from '../../components/States';
import { formatMoney } from '../../lib/format';
import { useUrlFilters } from '../../lib/url-filters';
import { DealForm } from './DealForm';
import { KanbanBoard } from './KanbanBoard';
import { useDealsBoard, useMoveDeal } from './deals.queries';

const FILTERS = ['q', 'account_id', 'owner_id'] as const;

export function DealsBoardPage() {
  const navigate = useNavigate();
  const { users } = useUsers();
  const accounts = useAccountOptions();
  const { values, setFilters, clear, active } = useUrlFilters(FILTERS);
  const [creating, setCreating] = useState(false);
  const board = useDealsBoard(values);
  const move = useMoveDeal(values);
  const deals = board.data?.data ?? [];
  const open = deals.filter((d) => d.stage !== 'won' && d.stage !== 'lost');

  return (
    <>
      <PageHeader
        title="Deals"
        description={board.data ? `${open.length} open · ${formatMoney(open.reduce((s, d) => s + Number(d.value || 0), 0))} in the pipeline` : 'Deals and projects by stage.'}
        actions={
          <Button icon="plus" onClick={() => setCreating(true)}>
            New deal
          </Button>
        }
      />
      <div className="mb-4 rounded-xl border border-slate-200 bg-white shadow-sm shadow-slate-900/5">
        <FilterBar active={active} onClear={clear}>
          <SearchFilter label="Search deals" placeholder="Search deals…" value={values.q} onChange={(q) => setFilters({ q })} />
          <SelectFilter label="Account" value={values.account_id} onChange={(account_id) => setFilters({ account_id })} options={accounts.accounts.map((a) => ({ value: a.id, label: a.name }))} />
          {users.length > 1 && <SelectFilter label="Owner" value={values.owner_id} onChange={(owner_id) => setFilters({ owner_id })} options={users.map((u) => ({ value: u.id, label: u.name }))} />}
        </FilterBar>
      </div>
      <QueryState query={board}>
        {deals.length === 0 && !active ? (
          <div className="rounded-xl border border-slate-200 bg-white">
            <EmptyState icon="deals" title="No deals yet" action={<Button icon="plus" onClick={() => setCreating(true)}>New deal</Button>}>
              Create a deal for an account and move it across the stages as it progresses.
            </EmptyState>
          </div>
        ) : (
          <KanbanBoard deals={deals} accountName={accounts.nameOf} onMove={(deal, stage) => move.mutate({ deal, stage })} />
        )}
      </QueryState>
      {creating && (
        <Modal title="New deal" onClose={() => setCreating(false)} wide>
          <DealForm accountId={values.account_id || undefined} onDone={(d) => navigate(`/deals/${d.id}`)} />
        </Modal>
      )}
    </>
  );
}

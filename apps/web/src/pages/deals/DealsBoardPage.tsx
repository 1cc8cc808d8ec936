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
import { CustomFieldFilters, useCustomFieldFilterKeys } from '../../components/records/CustomFieldFilters';
import { SavedViewsMenu } from '../../components/saved-views/SavedViewsMenu';
import { DealForm } from './DealForm';
import { KanbanBoard } from './KanbanBoard';
import { useDealsBoard, useMoveDeal, usePipelines } from './deals.queries';

/** `pipeline`: the board's pipeline (none: the default one). */
const FILTERS = ['q', 'account_id', 'owner_id', 'pipeline'] as const;
/** What a saved view of the board keeps (the deals list's filters; the pipeline is not one of them). */
const VIEW_FILTERS = ['q', 'account_id', 'owner_id'] as const;

export function DealsBoardPage() {
  const navigate = useNavigate();
  const { users } = useUsers();
  const accounts = useAccountOptions();
  const filterKeys = useCustomFieldFilterKeys('deal', FILTERS);
  const viewKeys = useCustomFieldFilterKeys('deal', VIEW_FILTERS);
  const { values, setFilters, clear, active } = useUrlFilters(filterKeys);
  const [creating, setCreating] = useState(false);
  const pipelines = usePipelines();
  const all = pipelines.data?.data ?? [];
  const pipeline = all.find((p) => p.id === values.pipeline) ?? all.find((p) => p.is_default);
  const custom = Object.fromEntries(Object.entries(values).filter(([key]) => key.startsWith('cf.')));
  const filters = { q: values.q, account_id: values.account_id, owner_id: values.owner_id, ...custom, pipeline_id: pipeline?.id ?? '' };
  const board = useDealsBoard(filters, !!pipeline);
  const move = useMoveDeal(filters);
  const deals = board.data?.data ?? [];
  const stages = pipeline?.stages ?? [];
  const openKeys = new Set(stages.filter((s) => s.kind === 'open').map((s) => s.key));
  const open = deals.filter((d) => openKeys.has(d.stage));

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
          {all.length > 1 && (
            <SelectFilter
              label="Pipeline"
              value={values.pipeline}
              onChange={(p) => setFilters({ pipeline: p })}
              allLabel={all.find((p) => p.is_default)?.name ?? 'Default'}
              options={all.filter((p) => !p.is_default).map((p) => ({ value: p.id, label: p.name }))}
            />
          )}
          <SearchFilter label="Search deals" placeholder="Search deals…" value={values.q} onChange={(q) => setFilters({ q })} />
          <SelectFilter label="Account" value={values.account_id} onChange={(account_id) => setFilters({ account_id })} options={accounts.accounts.map((a) => ({ value: a.id, label: a.name }))} />
          {users.length > 1 && <SelectFilter label="Owner" value={values.owner_id} onChange={(owner_id) => setFilters({ owner_id })} options={users.map((u) => ({ value: u.id, label: u.name }))} />}
          <CustomFieldFilters recordType="deal" values={values} onChange={setFilters} />
          <div className="sm:ml-auto">
            <SavedViewsMenu list="deals" filterKeys={viewKeys} />
          </div>
        </FilterBar>
      </div>
      <QueryState query={pipeline ? board : pipelines}>
        {deals.length === 0 && !active ? (
          <div className="rounded-xl border border-slate-200 bg-white">
            <EmptyState icon="deals" title="No deals yet" action={<Button icon="plus" onClick={() => setCreating(true)}>New deal</Button>}>
              Create a deal for an account and move it across the stages as it progresses.
            </EmptyState>
          </div>
        ) : (
          <KanbanBoard deals={deals} stages={stages} accountName={accounts.nameOf} onMove={(deal, stage) => move.mutate({ deal, stage })} />
        )}
      </QueryState>
      {creating && (
        <Modal title="New deal" onClose={() => setCreating(false)} wide>
          <DealForm accountId={values.account_id || undefined} pipelineId={pipeline?.id} onDone={(d) => navigate(`/deals/${d.id}`)} />
        </Modal>
      )}
    </>
  );
}

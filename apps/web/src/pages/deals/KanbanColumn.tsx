import type { BudgetBurnDto, DealDto, PipelineStageDto } from '@clockwork/api-client';
import { useDroppable } from '@dnd-kit/core';
import { formatMoney } from '../../lib/format';
import { DealCard } from './DealCard';

/** Open stages take the accents in turn; won and lost have theirs. */
const openAccents = ['bg-slate-400', 'bg-sky-500', 'bg-indigo-500', 'bg-amber-500', 'bg-violet-500', 'bg-teal-500'];
const accentOf = (stage: PipelineStageDto) => (stage.kind === 'won' ? 'bg-emerald-500' : stage.kind === 'lost' ? 'bg-rose-500' : openAccents[stage.position % openAccents.length]);

interface KanbanColumnProps {
  stage: PipelineStageDto;
  /** Every stage of the pipeline (each card's stage select). */
  stages: PipelineStageDto[];
  deals: DealDto[];
  accountName: (id: string | null) => string | null;
  onMove: (deal: DealDto, stage: PipelineStageDto) => void;
  /** The burn of each deal's budgets, by deal id (deals without a budget are absent). */
  burns?: Map<string, BudgetBurnDto[]>;
}

export function KanbanColumn({ stage, stages, deals, accountName, onMove, burns }: KanbanColumnProps) {
  const { setNodeRef, isOver } = useDroppable({ id: stage.key });
  const total = deals.reduce((sum, d) => sum + Number(d.value || 0), 0);
  return (
    <section
      ref={setNodeRef}
      aria-label={`${stage.name} column`}
      data-stage={stage.key}
      className={`flex w-64 shrink-0 flex-col rounded-xl border p-2 transition-colors xl:w-auto xl:min-w-0 xl:flex-1 ${isOver ? 'border-indigo-300 bg-indigo-50/70' : 'border-slate-200 bg-slate-100/70'}`}
    >
      <header className="px-1.5 pt-1 pb-2">
        <div className="flex items-center gap-2">
          <span className={`size-2 shrink-0 rounded-full ${accentOf(stage)}`} aria-hidden="true" />
          <h2 className="truncate text-sm font-semibold text-slate-800">{stage.name}</h2>
          <span className="ml-auto rounded-full bg-white px-1.5 text-xs font-medium text-slate-600 ring-1 ring-slate-200">{deals.length}</span>
        </div>
        <p className="mt-0.5 pl-4 text-xs text-slate-500 tabular-nums">{formatMoney(total)}</p>
      </header>
      <ul className="flex min-h-24 flex-1 flex-col gap-2">
        {deals.map((deal) => (
          <li key={deal.id}>
            <DealCard deal={deal} accountName={accountName(deal.account_id)} stages={stages} onMove={(s) => onMove(deal, s)} burns={burns?.get(deal.id)} />
          </li>
        ))}
        {deals.length === 0 && <li className="rounded-lg border border-dashed border-slate-300 px-3 py-6 text-center text-xs text-slate-600">Drop a deal here</li>}
      </ul>
    </section>
  );
}

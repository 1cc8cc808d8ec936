import type { BudgetBurnDto, DealDto, PipelineStageDto } from '@clockwork/api-client';
import { useDraggable } from '@dnd-kit/core';
import { Link } from 'react-router-dom';
import { BurnBar } from '../../components/BurnBar';
import { Icon } from '../../components/icons';
import { formatMoney } from '../../lib/format';
import { DealHealthFlags } from '../insights/DealHealth';
import { WinChance } from '../insights/WinProbability';

interface DealCardProps {
  deal: DealDto;
  accountName: string | null;
  /** The stages of the deal's pipeline (its stage select), with onMove. */
  stages?: PipelineStageDto[];
  onMove?: (stage: PipelineStageDto) => void;
  overlay?: boolean;
  burns?: BudgetBurnDto[];
}

/** A deal on the board: drag it by its handle (mouse, touch or keyboard) or pick its stage. */
export function DealCard({ deal, accountName, stages = [], onMove, overlay, burns }: DealCardProps) {
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({ id: deal.id, data: { stage: deal.stage }, disabled: overlay });
  return (
    <article
      ref={overlay ? undefined : setNodeRef}
      aria-label={deal.name}
      data-deal-id={deal.id}
      className={`group rounded-lg border bg-white p-3 shadow-sm transition ${overlay ? 'rotate-1 border-indigo-300 shadow-lg' : 'border-slate-200 hover:border-slate-300'} ${isDragging ? 'opacity-40' : ''}`}
    >
      <div className="flex items-start gap-2">
        <button
          type="button"
          {...listeners}
          {...attributes}
          aria-label={`Move ${deal.name}`}
          className="-ml-1 cursor-grab touch-none rounded p-0.5 text-slate-400 hover:bg-slate-100 hover:text-slate-700 focus-visible:outline-2 focus-visible:outline-indigo-600 active:cursor-grabbing"
        >
          <Icon name="grip" className="size-4" />
        </button>
        <div className="min-w-0 flex-1">
          <Link to={`/deals/${deal.id}`} className="block truncate text-sm font-medium text-slate-900 hover:text-indigo-600 focus-visible:outline-2 focus-visible:outline-indigo-600">
            {deal.name}
          </Link>
          <p className="truncate text-xs text-slate-500">{accountName ?? 'No account'}</p>
        </div>
      </div>
      <div className="mt-2 flex flex-col items-stretch gap-1.5">
        <span className="text-sm font-semibold text-slate-900 tabular-nums">{formatMoney(deal.value, deal.currency)}</span>
        {!overlay && <WinChance dealId={deal.id} />}
        {!overlay && <DealHealthFlags dealId={deal.id} />}
        {burns?.map((b) => <BurnBar key={b.kind} burn={b} dealName={deal.name} compact />)}
        {onMove && (
          <select
            aria-label={`Stage of ${deal.name}`}
            value={deal.stage}
            onChange={(e) => {
              const stage = stages.find((s) => s.key === e.target.value);
              if (stage) onMove(stage);
            }}
            className="w-full rounded border-0 bg-slate-50 py-0.5 pr-6 pl-1.5 text-xs text-slate-600 ring-1 ring-slate-200 focus:ring-2 focus:ring-indigo-600"
          >
            {stages.map((s) => (
              <option key={s.key} value={s.key}>
                {s.name}
              </option>
            ))}
          </select>
        )}
      </div>
    </article>
  );
}

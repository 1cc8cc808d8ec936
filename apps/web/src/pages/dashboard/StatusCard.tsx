import { useId } from 'react';
import { Icon, type IconName } from '../../app/layout/icons';
import { StatusBadge, type ComponentState } from './StatusBadge';

interface StatusCardProps {
  name: string;
  description: string;
  icon: IconName;
  state: ComponentState;
}

const notes: Record<ComponentState, string> = {
  up: 'Operational',
  down: 'Not responding',
  unknown: 'Unknown while the API is unreachable',
  checking: 'Waiting for the health check',
};

const iconTile: Record<ComponentState, string> = {
  up: 'bg-emerald-50 text-emerald-600',
  down: 'bg-rose-50 text-rose-600',
  unknown: 'bg-slate-100 text-slate-500',
  checking: 'bg-slate-100 text-slate-400',
};

export function StatusCard({ name, description, icon, state }: StatusCardProps) {
  const titleId = useId();
  return (
    <article
      aria-labelledby={titleId}
      className="flex flex-col rounded-2xl border border-slate-200 bg-white p-5 shadow-sm shadow-slate-900/5"
    >
      <div className="flex items-start justify-between gap-3">
        <span className={`flex size-10 items-center justify-center rounded-xl ${iconTile[state]}`}>
          <Icon name={icon} />
        </span>
        <StatusBadge state={state} />
      </div>
      <h2 id={titleId} className="mt-4 text-base font-semibold text-slate-900">
        {name}
      </h2>
      <p className="mt-1 mb-4 text-sm text-slate-500">{description}</p>
      <p className="mt-auto border-t border-slate-100 pt-3 text-xs font-medium text-slate-500">{notes[state]}</p>
    </article>
  );
}

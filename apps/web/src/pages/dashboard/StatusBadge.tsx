export type ComponentState = 'up' | 'down' | 'unknown' | 'checking';

const styles: Record<ComponentState, { label: string; badge: string; dot: string }> = {
  up: { label: 'Up', badge: 'bg-emerald-50 text-emerald-700 ring-emerald-600/20', dot: 'bg-emerald-500' },
  down: { label: 'Down', badge: 'bg-rose-50 text-rose-700 ring-rose-600/20', dot: 'bg-rose-500' },
  unknown: { label: 'Unknown', badge: 'bg-slate-100 text-slate-600 ring-slate-500/20', dot: 'bg-slate-400' },
  checking: { label: 'Checking…', badge: 'bg-slate-50 text-slate-500 ring-slate-500/10', dot: 'bg-slate-300 animate-pulse' },
};

export function StatusBadge({ state }: { state: ComponentState }) {
  const style = styles[state];
  return (
    <span
      data-state={state}
      className={`inline-flex items-center gap-1.5 rounded-full px-2.5 py-1 text-xs font-semibold ring-1 ring-inset ${style.badge}`}
    >
      <span className={`size-1.5 rounded-full ${style.dot}`} aria-hidden="true" />
      {style.label}
    </span>
  );
}

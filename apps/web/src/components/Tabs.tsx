import { useEffect, useRef } from 'react';

export function Tabs<T extends string>({ tabs, value, onChange, label }: { tabs: Array<{ value: T; label: string; count?: number }>; value: T; onChange: (value: T) => void; label: string }) {
  const list = useRef<HTMLDivElement>(null);
  // On a narrow screen the row scrolls sideways: bring the selected tab into sight (e.g. opened by its URL).
  useEffect(() => {
    const row = list.current;
    const tab = row?.querySelector<HTMLElement>('[aria-selected="true"]');
    if (!row || !tab) return;
    if (tab.offsetLeft < row.scrollLeft || tab.offsetLeft + tab.offsetWidth > row.scrollLeft + row.clientWidth) row.scrollLeft = Math.max(0, tab.offsetLeft - 16);
  }, [value]);
  return (
    <div ref={list} role="tablist" aria-label={label} className="relative flex gap-1 overflow-x-auto border-b border-slate-200">
      {tabs.map((tab) => {
        const selected = tab.value === value;
        return (
          <button
            key={tab.value}
            role="tab"
            type="button"
            aria-selected={selected}
            onClick={() => onChange(tab.value)}
            className={`-mb-px flex items-center gap-2 border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap focus-visible:outline-2 focus-visible:outline-indigo-600 ${selected ? 'border-indigo-600 text-indigo-700' : 'border-transparent text-slate-500 hover:text-slate-800'}`}
          >
            {tab.label}
            {tab.count !== undefined && <span className="rounded-full bg-slate-100 px-1.5 text-xs text-slate-600">{tab.count}</span>}
          </button>
        );
      })}
    </div>
  );
}

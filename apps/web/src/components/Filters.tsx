import { useEffect, useState, type ReactNode } from 'react';
import { Button } from './Button';
import { Input, NamedSelect } from './Form';
import { Icon } from './icons';

export function FilterBar({ children, active, onClear }: { children: ReactNode; active: boolean; onClear: () => void }) {
  return (
    <div role="search" className="grid grid-cols-2 items-end gap-2 border-b border-slate-100 p-3 sm:flex sm:flex-wrap sm:p-4 [&>*]:min-w-0">
      {children}
      {active && (
        <Button variant="ghost" size="sm" icon="close" onClick={onClear} className="col-span-2 sm:ml-auto">
          Clear filters
        </Button>
      )}
    </div>
  );
}

/** A search box that updates its filter 300 ms after typing stops. */
export function SearchFilter({ value, onChange, label = 'Search', placeholder = 'Search…' }: { value: string; onChange: (value: string) => void; label?: string; placeholder?: string }) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  useEffect(() => {
    if (text === value) return;
    const timer = setTimeout(() => onChange(text), 300);
    return () => clearTimeout(timer);
  }, [text, value, onChange]);
  return (
    <label className="relative col-span-2 block sm:w-64">
      <span className="sr-only">{label}</span>
      <Icon name="search" className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-slate-400" />
      <Input type="search" value={text} placeholder={placeholder} onChange={(e) => setText(e.target.value)} className="pl-8" />
    </label>
  );
}

export function SelectFilter({ label, value, onChange, options, allLabel = 'All' }: { label: string; value: string; onChange: (value: string) => void; options: Array<{ value: string; label: string }>; allLabel?: string }) {
  return (
    <label className="block sm:w-44">
      <span className="mb-1 block text-xs font-medium text-slate-500">{label}</span>
      <NamedSelect value={value} onChange={(e) => onChange(e.target.value)} options={options.map((o) => ({ id: o.value, name: o.label }))} none={allLabel} />
    </label>
  );
}

export function DateFilter({ label, value, onChange }: { label: string; value: string; onChange: (value: string) => void }) {
  return (
    <label className="block sm:w-40">
      <span className="mb-1 block text-xs font-medium text-slate-500">{label}</span>
      <Input type="date" value={value} onChange={(e) => onChange(e.target.value)} />
    </label>
  );
}

/** What "Load more" reads of a paged list's query. */
interface MorePages {
  rows: readonly unknown[];
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
}

/** How many rows are loaded and, while there are more, "Load more"; `count` when not every loaded row shows (a search of the loaded rows). */
export function LoadMore({ query, count = query.rows.length }: { query: MorePages; count?: number }) {
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;
  return (
    <div className="flex items-center justify-between gap-3 px-4 py-3 text-xs text-slate-500">
      <span>
        {count} {count === 1 ? 'row' : 'rows'}
        {hasNextPage ? ' loaded' : ''}
      </span>
      {hasNextPage && (
        <Button variant="secondary" size="sm" busy={isFetchingNextPage} onClick={() => fetchNextPage()}>
          Load more
        </Button>
      )}
    </div>
  );
}

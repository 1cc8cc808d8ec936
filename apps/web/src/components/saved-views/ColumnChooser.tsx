import { useState } from 'react';
import { useViewUrl } from '../../lib/use-view-url';
import { Button } from '../Button';

/** "Columns": which of the list's columns show; kept in the address (`?columns=`), saved with a view. */
export function ColumnChooser({ filterKeys, columns }: { filterKeys: readonly string[]; columns: ReadonlyArray<{ key: string; label: string }> }) {
  const [open, setOpen] = useState(false);
  const url = useViewUrl(filterKeys);
  const visible = url.columns ?? columns.map((c) => c.key);
  const toggle = (key: string) => {
    const next = visible.includes(key) ? visible.filter((k) => k !== key) : columns.map((c) => c.key).filter((k) => k === key || visible.includes(k));
    url.setColumns(next.length === columns.length ? null : next);
  };
  return (
    <div className="relative">
      <Button variant="secondary" size="sm" aria-expanded={open} aria-controls="column-chooser" onClick={() => setOpen(!open)}>
        Columns
      </Button>
      {open && (
        <fieldset id="column-chooser" className="absolute right-0 z-20 mt-1 w-56 space-y-2 rounded-lg border border-slate-200 bg-white p-3 shadow-lg">
          <legend className="sr-only">Visible columns</legend>
          {columns.map((c) => (
            <label key={c.key} className="flex items-center gap-2 text-sm text-slate-700">
              <input type="checkbox" className="size-4 rounded border-slate-300 text-indigo-600" checked={visible.includes(c.key)} disabled={visible.length === 1 && visible.includes(c.key)} onChange={() => toggle(c.key)} />
              {c.label}
            </label>
          ))}
        </fieldset>
      )}
    </div>
  );
}

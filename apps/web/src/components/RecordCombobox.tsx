import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { Input } from './Form';

export interface ComboOption {
  id: string;
  label: string;
}

interface Props {
  /** The form field the chosen id is submitted as ('' when none). */
  name: string;
  value: string;
  onChange: (id: string) => void;
  /** The name of the chosen record (from the lookups), shown while the box is closed. */
  selectedLabel: string | null;
  /** The records matching what was typed, from the api's `q` filter (a short first page). */
  search: (q: string, signal: AbortSignal) => Promise<ComboOption[]>;
  /** react-query key of the search, `q` is appended. */
  searchKey: readonly unknown[];
  /** The choice that clears the field ("No account"). */
  noneLabel: string;
  placeholder?: string;
  id?: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}

/**
 * Pick one record of many by typing part of its name: the api searches (`q`) as you type, so a
 * record is reachable however many there are. An ARIA 1.2 combobox: its label is the field's
 * (`Field` passes `id`), ArrowDown/ArrowUp move through the options, Enter picks, Escape closes.
 */
export function RecordCombobox({ name, value, onChange, selectedLabel, search, searchKey, noneLabel, placeholder = 'Type to search…', id, ...aria }: Props) {
  const listId = useId();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [active, setActive] = useState(0);
  useEffect(() => {
    const timer = setTimeout(() => setQ(text.trim()), 250);
    return () => clearTimeout(timer);
  }, [text]);
  const results = useQuery({ queryKey: [...searchKey, q], queryFn: ({ signal }) => search(q, signal), enabled: open, staleTime: 30_000 });
  const options: ComboOption[] = [{ id: '', label: noneLabel }, ...(results.data ?? [])];
  const choose = (option: ComboOption) => {
    onChange(option.id);
    setOpen(false);
    setText('');
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!open) return setOpen(true);
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (i + step + options.length) % options.length);
    } else if (e.key === 'Enter' && open) {
      e.preventDefault();
      choose(options[Math.min(active, options.length - 1)]);
    } else if (e.key === 'Escape' && open) {
      // closes the list only, not the dialog the picker is in
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
      setText('');
    }
  };
  const optionId = (i: number) => `${listId}-option-${i}`;

  return (
    <div className="relative">
      <input type="hidden" name={name} value={value} />
      <Input
        id={id}
        {...aria}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open ? optionId(Math.min(active, options.length - 1)) : undefined}
        autoComplete="off"
        placeholder={placeholder}
        value={open ? text : value ? (selectedLabel ?? '') : ''}
        onFocus={() => setOpen(true)}
        onClick={() => setOpen(true)}
        onBlur={() => {
          setOpen(false);
          setText('');
        }}
        onChange={(e) => {
          setText(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onKeyDown={onKeyDown}
      />
      {open && (
        <ul id={listId} role="listbox" className="absolute z-20 mt-1 max-h-60 w-full overflow-auto rounded-lg bg-white py-1 text-sm shadow-lg ring-1 ring-slate-200">
          {options.map((option, i) => (
            <li
              key={option.id || 'none'}
              id={optionId(i)}
              role="option"
              aria-selected={option.id === value}
              className={`cursor-pointer px-3 py-1.5 ${i === active ? 'bg-indigo-50 text-indigo-900' : 'text-slate-700'} ${option.id ? '' : 'text-slate-500 italic'}`}
              // mousedown, not click: it runs before the input's blur closes the list
              onMouseDown={(e) => {
                e.preventDefault();
                choose(option);
              }}
            >
              {option.label}
            </li>
          ))}
          {results.isFetching && (
            <li role="presentation" className="px-3 py-1.5 text-slate-400">
              Searching…
            </li>
          )}
          {results.data && results.data.length === 0 && (
            <li role="presentation" className="px-3 py-1.5 text-slate-400">
              No match{q ? ` for “${q}”` : ''}
            </li>
          )}
        </ul>
      )}
    </div>
  );
}

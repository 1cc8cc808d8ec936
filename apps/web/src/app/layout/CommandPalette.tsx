import { Command } from 'cmdk';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { errorMessage } from '../../api/errors';
import { useAuth } from '../../auth/AuthProvider';
import { Spinner } from '../../components/Button';
import { Icon } from '../../components/icons';
import { useDebouncedValue } from '../../lib/use-debounced-value';
import { visibleNavItems } from './nav-items';
import { groupResults, matchesCommand } from './palette-items';
import { MIN_SEARCH_LENGTH, useGlobalSearch } from './search.queries';

const SEARCH_DEBOUNCE_MS = 200;

const groupClass =
  'px-2 py-1.5 [&_[cmdk-group-heading]]:px-2 [&_[cmdk-group-heading]]:pb-1 [&_[cmdk-group-heading]]:text-xs [&_[cmdk-group-heading]]:font-semibold [&_[cmdk-group-heading]]:tracking-wide [&_[cmdk-group-heading]]:text-slate-500 [&_[cmdk-group-heading]]:uppercase';
const itemClass = 'flex cursor-pointer items-center gap-3 rounded-lg px-2 py-2 text-sm text-slate-700 data-[selected=true]:bg-indigo-50 data-[selected=true]:text-indigo-900';

/**
 * The command palette (Ctrl/Cmd-K, or the top bar's search box): records of every kind the role
 * may read from `GET /search` (typo-tolerant, debounced, grouped by kind) and "Go to" commands
 * for the pages of the sidebar. Arrows move, Enter opens, Escape closes (focus goes back to
 * where it was: the launcher restores it). Loaded on first open, outside the initial bundle.
 */
export function CommandPalette({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const { user } = useAuth();
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const q = useDebouncedValue(text.trim(), SEARCH_DEBOUNCE_MS);
  const search = useGlobalSearch(q);
  const searching = q.length >= MIN_SEARCH_LENGTH;
  const groups = searching ? groupResults(search.data?.data ?? []) : [];
  const pages = visibleNavItems(user?.role).filter((item) => matchesCommand(`Go to ${item.shownLabel}`, text));
  const go = (path: string) => {
    onOpenChange(false);
    setText('');
    navigate(path);
  };
  const typing = text.trim() !== q;
  const loading = searching && (search.isFetching || typing);
  const failed = searching && search.isError;

  return (
    <Command.Dialog
      open={open}
      onOpenChange={onOpenChange}
      label="Search records and pages"
      shouldFilter={false}
      loop
      overlayClassName="fixed inset-0 z-40 bg-slate-900/40"
      contentClassName="fixed inset-x-3 top-[12vh] z-50 mx-auto max-w-xl overflow-hidden rounded-xl bg-white shadow-2xl ring-1 ring-slate-900/10"
    >
      <div className="flex items-center gap-2 border-b border-slate-200 px-4">
        <Icon name="search" className="size-5 text-slate-400" />
        <Command.Input
          value={text}
          onValueChange={setText}
          placeholder="Search accounts, contacts, deals, or go to a page…"
          aria-label="Search records and pages"
          className="h-12 w-full border-0 bg-transparent text-sm text-slate-900 outline-none placeholder:text-slate-400 focus:ring-0"
        />
        {loading && <Spinner className="size-4 text-slate-400" />}
      </div>
      <Command.List className="max-h-[60vh] overflow-y-auto pb-2" aria-busy={loading || undefined}>
        {loading && groups.length === 0 && (
          <Command.Loading>
            <p className="px-4 py-3 text-sm text-slate-500">Searching…</p>
          </Command.Loading>
        )}
        {failed && (
          <p role="alert" className="px-4 py-3 text-sm text-rose-700">
            Search failed: {errorMessage(search.error)}
          </p>
        )}
        {!loading && !failed && (
          <Command.Empty className="px-4 py-6 text-center text-sm text-slate-500">{searching ? `Nothing found for “${q}”.` : 'Type two letters or more to search.'}</Command.Empty>
        )}
        {groups.map((group) => (
          <Command.Group key={group.type} heading={group.heading} className={groupClass}>
            {group.hits.map((hit) => (
              <Command.Item key={hit.id} value={`${hit.type}:${hit.id}`} onSelect={() => go(group.path(hit.id))} className={itemClass}>
                <span className="min-w-0 flex-1 truncate font-medium">{hit.title}</span>
                {hit.subtitle && <span className="truncate text-xs text-slate-600">{hit.subtitle}</span>}
              </Command.Item>
            ))}
          </Command.Group>
        ))}
        {pages.length > 0 && (
          <Command.Group heading="Go to" className={groupClass}>
            {pages.map((item) => (
              <Command.Item key={item.path} value={`page:${item.path}`} onSelect={() => go(item.path)} className={itemClass}>
                <Icon name={item.icon} className="size-4 text-slate-400" />
                <span className="flex-1">Go to {item.shownLabel}</span>
              </Command.Item>
            ))}
          </Command.Group>
        )}
      </Command.List>
    </Command.Dialog>
  );
}

import { useState } from 'react';
import { Button } from '../Button';
import { nounOf } from './bulk-edit.queries';
import { BulkEditDialog } from './BulkEditDialog';
import type { BulkSelection } from './use-bulk-selection';

/** The most records one bulk edit changes (the api's limit). */
const MAX_RECORDS = 10_000;

/**
 * The bar over a list with a selection: how many are selected, "Select all matching this
 * filter" once every loaded row is ticked and more pages exist, and "Edit…" (the dialog).
 */
export function BulkEditBar({ selection, rowIds, hasMore }: { selection: BulkSelection; rowIds: string[]; hasMore: boolean }) {
  const [editing, setEditing] = useState(false);
  const count = selection.ids.size;
  if (!selection.matching && count === 0) return null;
  const pageTicked = rowIds.length > 0 && rowIds.every((id) => selection.ids.has(id));
  const plural = nounOf(selection.kind, 2);
  return (
    <div role="region" aria-label="Bulk actions" className="flex flex-wrap items-center gap-2 border-b border-indigo-100 bg-indigo-50 px-4 py-2.5 text-sm">
      <span className="font-medium text-indigo-900" aria-live="polite">
        {selection.matching ? `All ${plural} matching this filter are selected (up to ${MAX_RECORDS.toLocaleString('en-US')})` : `${count} selected`}
      </span>
      {!selection.matching && pageTicked && hasMore && (
        <Button size="sm" variant="ghost" onClick={selection.selectMatching}>
          Select all {plural} matching this filter
        </Button>
      )}
      <span className="ml-auto flex gap-2">
        <Button size="sm" onClick={() => setEditing(true)}>
          Edit selected…
        </Button>
        <Button size="sm" variant="ghost" onClick={selection.clear}>
          Clear selection
        </Button>
      </span>
      {editing && <BulkEditDialog selection={selection} onClose={() => setEditing(false)} />}
    </div>
  );
}

import { Td, Th } from '../Table';
import type { BulkSelection } from './use-bulk-selection';

const box = 'size-4 rounded border-slate-300 text-indigo-600 focus-visible:outline-2 focus-visible:outline-indigo-600';

/** The header cell of the selection column: ticks every loaded row. */
export function SelectAllCell({ selection, rowIds, label }: { selection: BulkSelection; rowIds: string[]; label: string }) {
  const all = selection.matching || (rowIds.length > 0 && rowIds.every((id) => selection.ids.has(id)));
  return (
    <Th className="w-10">
      <input type="checkbox" aria-label={label} checked={all} onChange={() => selection.toggleAll(rowIds)} className={box} />
    </Th>
  );
}

/** A row's cell of the selection column. */
export function SelectCell({ selection, id, label }: { selection: BulkSelection; id: string; label: string }) {
  return (
    <Td className="w-10">
      <input type="checkbox" aria-label={label} checked={selection.has(id)} onChange={() => selection.toggle(id)} className={box} />
    </Td>
  );
}

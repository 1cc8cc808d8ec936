import type { SavedViewDto } from '@clockwork/api-client';
import { useState } from 'react';
import { Button } from '../Button';
import { useConfirm } from '../ConfirmDialog';
import { Input } from '../Form';
import { useDefaultView, useDeleteSavedView, usePatchSavedView, type SavedViewList } from './saved-views.queries';

/** What can be done to the applied view: make default (anyone), rename, share, delete (its editors). */
export function ViewActions({ list, view, onDeleted }: { list: SavedViewList; view: SavedViewDto; onDeleted: () => void }) {
  const patch = usePatchSavedView(list);
  const remove = useDeleteSavedView(list);
  const setDefault = useDefaultView(list);
  const { ask, dialog } = useConfirm();
  const [name, setName] = useState<string | null>(null);
  return (
    <div className="space-y-2 border-t border-slate-100 p-3" role="group" aria-label={`Actions of ${view.name}`}>
      <Button size="sm" variant="secondary" busy={setDefault.isPending} onClick={() => setDefault.mutate({ id: view.id, makeDefault: !view.is_default })}>
        {view.is_default ? 'Remove as default' : 'Make default'}
      </Button>
      {view.editable && (
        <>
          {name === null ? (
            <Button size="sm" variant="ghost" onClick={() => setName(view.name)}>
              Rename
            </Button>
          ) : (
            <form
              className="flex gap-2"
              onSubmit={(e) => {
                e.preventDefault();
                if (name.trim()) patch.mutate({ id: view.id, body: { name: name.trim() } }, { onSuccess: () => setName(null) });
              }}
            >
              <Input aria-label="New name" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
              <Button type="submit" size="sm" busy={patch.isPending}>
                Save
              </Button>
            </form>
          )}
          <label className="flex items-center gap-2 text-sm text-slate-600">
            <input
              type="checkbox"
              className="size-4 rounded border-slate-300 text-indigo-600"
              checked={view.visibility === 'organization'}
              onChange={(e) => patch.mutate({ id: view.id, body: { visibility: e.target.checked ? 'organization' : 'private' } })}
            />
            Shared with the organization
          </label>
          <Button
            size="sm"
            variant="danger"
            onClick={() => ask({ title: 'Delete view', message: `Delete the view “${view.name}”?`, confirmLabel: 'Delete view', onConfirm: () => remove.mutate(view.id, { onSuccess: onDeleted }) })}
          >
            Delete view
          </Button>
        </>
      )}
      {dialog}
    </div>
  );
}

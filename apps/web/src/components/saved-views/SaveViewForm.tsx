import { useState, type FormEvent } from 'react';
import { Button } from '../Button';
import { Input } from '../Form';

/** "Save current as…": a name and whether the organization sees it. */
export function SaveViewForm({ busy, onSave }: { busy: boolean; onSave: (name: string, shared: boolean) => void }) {
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (name.trim()) onSave(name.trim(), shared);
  };
  return (
    <form onSubmit={submit} className="space-y-2 border-t border-slate-100 p-3" aria-label="Save current view">
      <label className="block text-xs font-medium text-slate-600">
        Save current as…
        <Input className="mt-1" value={name} maxLength={100} placeholder="View name" onChange={(e) => setName(e.target.value)} />
      </label>
      <label className="flex items-center gap-2 text-sm text-slate-600">
        <input type="checkbox" className="size-4 rounded border-slate-300 text-indigo-600" checked={shared} onChange={(e) => setShared(e.target.checked)} />
        Share with the organization
      </label>
      <Button type="submit" size="sm" busy={busy} disabled={!name.trim()}>
        Save view
      </Button>
    </form>
  );
}

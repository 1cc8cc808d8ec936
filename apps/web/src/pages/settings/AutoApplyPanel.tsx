import type { OrganizationSettingsDto } from '@clockwork/api-client';
import { type FormEvent } from 'react';
import { fieldErrorsOf } from '../../api/errors';
import { Button } from '../../components/Button';
import { FormError, InputField } from '../../components/Form';
import { QueryState } from '../../components/States';
import { useOrganizationSettings, useSaveOrganizationSettings } from './settings.queries';

function AutoApplyForm({ settings }: { settings: OrganizationSettingsDto }) {
  const save = useSaveOrganizationSettings('Saved the auto-apply setting');
  const errors = fieldErrorsOf(save.error);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    save.mutate({ auto_apply_suggestions: data.get('auto_apply_suggestions') === 'on', confidence_threshold: Number(data.get('confidence_threshold')) });
  };
  return (
    <form onSubmit={submit} aria-label="Auto-apply mapping suggestions" className="max-w-lg space-y-4 border-t border-slate-100 p-4 sm:p-5" noValidate>
      <label className="flex items-start gap-2 text-sm text-slate-700">
        <input type="checkbox" name="auto_apply_suggestions" defaultChecked={settings.auto_apply_suggestions} className="mt-0.5 size-4 rounded border-slate-300" />
        <span>
          Apply mapping suggestions automatically
          <span className="block text-xs text-slate-500">Unmapped entries go to their suggested deal when the confidence reaches the threshold; each is marked in the time entries with an Undo.</span>
        </span>
      </label>
      <InputField label="Confidence threshold" name="confidence_threshold" type="number" step="0.01" min={0.5} max={1} defaultValue={settings.confidence_threshold} errors={errors} hint="From 0.5 to 1: the least confidence of a suggestion applied without review." />
      <FormError error={save.error} />
      <Button type="submit" busy={save.isPending}>
        Save auto-apply
      </Button>
    </form>
  );
}

/** Admins: whether the worker applies mapping suggestions by itself, and above which confidence (docs/insights.md). */
export function AutoApplyPanel() {
  const query = useOrganizationSettings();
  return <QueryState query={query}>{query.data && <AutoApplyForm settings={query.data} />}</QueryState>;
}

import type { OrganizationSettingsDto } from '@clockwork/api-client';
import { type FormEvent } from 'react';
import { fieldErrorsOf } from '../../api/errors';
import { Button } from '../../components/Button';
import { Field, FormError, Select } from '../../components/Form';
import { QueryState } from '../../components/States';
import { useOrganizationSettings, useSaveOrganizationSettings } from './settings.queries';

function SettingsForm({ settings }: { settings: OrganizationSettingsDto }) {
  const save = useSaveOrganizationSettings();
  const errors = fieldErrorsOf(save.error);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    save.mutate({ timesheet_period: data.get('timesheet_period') === 'month' ? 'month' : 'week', invoices_require_approval: data.get('invoices_require_approval') === 'on' });
  };
  return (
    <form onSubmit={submit} aria-label="Timesheet settings" className="max-w-lg space-y-4 p-4 sm:p-5">
      <Field label="Timesheet period" error={errors.timesheet_period} hint="Weeks start on Monday; days are UTC. A new period applies to timesheets submitted from now on.">
        <Select name="timesheet_period" defaultValue={settings.timesheet_period}>
          <option value="week">Week</option>
          <option value="month">Month</option>
        </Select>
      </Field>
      <label className="flex items-start gap-2 text-sm text-slate-700">
        <input type="checkbox" name="invoices_require_approval" defaultChecked={settings.invoices_require_approval} className="mt-0.5 size-4 rounded border-slate-300" />
        <span>
          Invoices take approved time only
          <span className="block text-xs text-slate-500">Time of timesheets not yet approved stays off new invoices.</span>
        </span>
      </label>
      <FormError error={save.error} />
      <Button type="submit" busy={save.isPending}>
        Save
      </Button>
    </form>
  );
}

/** Admins: the timesheet period and whether invoices need approved time. */
export function TimesheetSettingsPanel() {
  const query = useOrganizationSettings();
  return <QueryState query={query}>{query.data && <SettingsForm settings={query.data} />}</QueryState>;
}

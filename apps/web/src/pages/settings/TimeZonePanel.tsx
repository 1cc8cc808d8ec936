import type { OrganizationSettingsDto } from '@clockwork/api-client';
import { type FormEvent } from 'react';
import { fieldErrorsOf } from '../../api/errors';
import { Button } from '../../components/Button';
import { Field, FormError, Select } from '../../components/Form';
import { QueryState } from '../../components/States';
import { useOrganizationSettings, useSaveOrganizationSettings } from './settings.queries';

/** The IANA names the browser knows, with UTC and the saved one always among them. */
function zoneNames(current: string): string[] {
  return [...new Set(['UTC', current, ...Intl.supportedValuesOf('timeZone')])];
}

function TimeZoneForm({ settings }: { settings: OrganizationSettingsDto }) {
  const save = useSaveOrganizationSettings('Saved the time zone');
  const errors = fieldErrorsOf(save.error);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    save.mutate({ timezone: String(new FormData(e.currentTarget).get('timezone') ?? '') });
  };
  return (
    <form onSubmit={submit} aria-label="Organization time zone" className="max-w-lg space-y-4 p-4 sm:p-5" noValidate>
      <Field label="Time zone" error={errors.timezone} hint="Retainer months (hours included, used and left, overage) are calendar months in this zone.">
        <Select name="timezone" defaultValue={settings.timezone}>
          {zoneNames(settings.timezone).map((zone) => (
            <option key={zone} value={zone}>
              {zone.replace(/_/g, ' ')}
            </option>
          ))}
        </Select>
      </Field>
      <FormError error={save.error} />
      <Button type="submit" busy={save.isPending}>
        Save time zone
      </Button>
    </form>
  );
}

/** Admins: the organization's time zone (docs/billing-models.md: the months of retainers). */
export function TimeZonePanel() {
  const query = useOrganizationSettings();
  return <QueryState query={query}>{query.data && <TimeZoneForm settings={query.data} />}</QueryState>;
}

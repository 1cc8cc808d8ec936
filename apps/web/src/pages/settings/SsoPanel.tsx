import type { PutSsoConfigDto, SsoConfigDto } from '@clockwork/api-client';
import { useId, useState, type FormEvent } from 'react';
import { ApiError, fieldErrorsOf } from '../../api/errors';
import { ssoStartUrl } from '../../api/sso-start';
import type { Role } from '../../auth/permissions';
import { Button } from '../../components/Button';
import { Field, FormError, Input, InputField } from '../../components/Form';
import { Icon } from '../../components/icons';
import { QueryState } from '../../components/States';
import { useToast } from '../../components/Toast';
import { RoleSelect } from './RoleSelect';
import { useSaveSsoConfig, useSsoConfig } from './settings.queries';

/** The email domains typed by the admin ("acme.com, acme.de" or one per line). */
export function parseDomains(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((d) => d.trim().toLowerCase())
    .filter(Boolean);
}

/** The API's field errors, with those of single array items (`allowed_domains.0`) under their field. */
function errorsOf(error: unknown): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [field, message] of Object.entries(fieldErrorsOf(error))) {
    const key = field.replace(/[.[].*$/, '');
    errors[key] = errors[key] ? `${errors[key]} ${message}` : message;
  }
  if (error instanceof ApiError && error.status === 409 && !errors.slug) errors.slug = error.message;
  return errors;
}

/** A read-only address with a copy button. */
export function CopyField({ label, value, hint }: { label: string; value: string; hint: string }) {
  const toast = useToast();
  const copy = () => {
    if (!navigator.clipboard) return toast.error('Copying is not available here: select the address and copy it.');
    navigator.clipboard.writeText(value).then(
      () => toast.success(`${label} copied`),
      () => toast.error('Could not copy: select the address and copy it.'),
    );
  };
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-700">
        {label}
      </label>
      <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
        <Input id={id} readOnly value={value} aria-describedby={`${id}-hint`} className="font-mono text-xs" onFocus={(e) => e.currentTarget.select()} />
        <Button variant="secondary" size="sm" icon="copy" onClick={copy} aria-label={`Copy ${label.toLowerCase()}`} className="shrink-0">
          Copy
        </Button>
      </div>
      <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
        {hint}
      </p>
    </div>
  );
}

function SsoForm({ config }: { config: SsoConfigDto | null }) {
  const save = useSaveSsoConfig();
  const [replacingSecret, setReplacingSecret] = useState(false);
  const errors = errorsOf(save.error);
  const secretStored = !!config?.client_secret_set;
  const askSecret = !secretStored || replacingSecret || !!errors.client_secret;

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    const body: PutSsoConfigDto = {
      issuer_url: text('issuer_url'),
      client_id: text('client_id'),
      allowed_domains: parseDomains(text('allowed_domains')),
      default_role: text('default_role') as Role,
      enabled: data.get('enabled') === 'on',
      slug: text('slug') || null,
    };
    // The stored secret is kept unless the admin typed a new one.
    if (askSecret && text('client_secret')) body.client_secret = text('client_secret');
    save.mutate(body, { onSuccess: () => setReplacingSecret(false) });
  };

  return (
    <form onSubmit={submit} aria-label="Single sign-on" noValidate className="space-y-4 p-4 sm:p-5">
      {/* A taken slug is told beside the slug field only. */}
      <FormError error={save.error instanceof ApiError && save.error.status === 409 ? null : save.error} />
      <div className="grid gap-4 sm:grid-cols-2">
        <InputField label="Issuer URL" name="issuer_url" type="url" required defaultValue={config?.issuer_url ?? ''} autoComplete="off" errors={errors} hint="Your OpenID Connect provider, e.g. https://login.example.com" className="sm:col-span-2" />
        <InputField label="Client ID" name="client_id" required defaultValue={config?.client_id ?? ''} autoComplete="off" errors={errors} />
        {askSecret ? (
          <InputField label="Client secret" name="client_secret" type="password" autoComplete="new-password" errors={errors} hint={secretStored ? 'Replaces the stored secret. Leave empty to keep it.' : 'Stored encrypted; never shown again.'} />
        ) : (
          <div>
            <p className="mb-1 block text-sm font-medium text-slate-700">Client secret</p>
            <div className="flex flex-wrap items-center gap-2">
              <span className="inline-flex items-center gap-1 rounded-md bg-emerald-50 px-2 py-1 text-xs font-medium text-emerald-800 ring-1 ring-emerald-600/20 ring-inset">
                <Icon name="check" className="size-3.5" />
                Set
              </span>
              <Button size="sm" variant="secondary" icon="key" onClick={() => setReplacingSecret(true)}>
                Replace secret
              </Button>
            </div>
          </div>
        )}
        <InputField label="Slug" name="slug" defaultValue={config?.slug ?? ''} autoComplete="off" spellCheck={false} errors={errors} hint="A short name for the login address; the organization ID works too." />
        <Field label="Role of new users" error={errors.default_role} hint="Given to people at their first single sign-on.">
          <RoleSelect name="default_role" defaultValue={config?.default_role ?? 'sales'} />
        </Field>
        <InputField label="Allowed email domains" name="allowed_domains" required defaultValue={config?.allowed_domains.join(', ') ?? ''} autoComplete="off" spellCheck={false} errors={errors} hint="Separated by commas, e.g. acme.com, acme.de" className="sm:col-span-2" />
      </div>
      <div>
        <label className="flex items-center gap-2 text-sm font-medium text-slate-700">
          <input
            type="checkbox"
            name="enabled"
            defaultChecked={config?.enabled ?? true}
            aria-describedby={errors.enabled ? 'sso-enabled-error' : undefined}
            className="size-4 rounded border-slate-300 text-indigo-600 focus:ring-2 focus:ring-indigo-600"
          />
          Allow signing in with single sign-on
        </label>
        {errors.enabled && (
          <p id="sso-enabled-error" className="mt-1 text-xs text-rose-600">
            {errors.enabled}
          </p>
        )}
      </div>
      <div className="flex justify-end">
        <Button type="submit" busy={save.isPending}>
          {config ? 'Save' : 'Set up single sign-on'}
        </Button>
      </div>
    </form>
  );
}

/** Settings → Single sign-on: the organization's OpenID Connect provider and its login address. */
export function SsoPanel() {
  const query = useSsoConfig();
  const config = query.data ?? null;
  return (
    <QueryState query={query}>
      {config ? (
        <div className="space-y-4 border-b border-slate-100 p-4 sm:p-5">
          <p className="flex items-center gap-2 text-sm text-slate-700">
            <span className={`inline-block size-2 rounded-full ${config.enabled ? 'bg-emerald-500' : 'bg-slate-400'}`} aria-hidden="true" />
            {config.enabled ? 'Single sign-on is on.' : 'Single sign-on is off: nobody can sign in with it.'}
          </p>
          <CopyField label="Login URL" value={ssoStartUrl(config.slug ?? config.id)} hint="Share it, or add it to your identity provider's app portal. The login page also accepts the slug." />
          <CopyField label="Redirect URI" value={config.redirect_uri} hint="Register it at your identity provider." />
        </div>
      ) : (
        <div className="flex items-start gap-3 border-b border-slate-100 p-4 sm:p-5">
          <span className="flex size-9 shrink-0 items-center justify-center rounded-lg bg-indigo-50 text-indigo-600">
            <Icon name="key" className="size-5" />
          </span>
          <div>
            <p className="text-sm font-semibold text-slate-900">Single sign-on is not set up</p>
            <p className="mt-0.5 text-sm text-slate-600">Connect your OpenID Connect identity provider so your people sign in with their work account.</p>
          </div>
        </div>
      )}
      <SsoForm key={config?.updated_at ?? 'new'} config={config} />
    </QueryState>
  );
}

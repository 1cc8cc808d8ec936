import type { CreatedApiKeyDto } from '@clockwork/api-client';
import { useState, type FormEvent } from 'react';
import { fieldErrorsOf } from '../../api/errors';
import type { Role } from '../../auth/permissions';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { useConfirm } from '../../components/ConfirmDialog';
import { Field, FormError, formValues, Input, InputField, SubmitRow } from '../../components/Form';
import { Modal } from '../../components/Modal';
import { QueryState } from '../../components/States';
import { NameCell, RowsTable, Td } from '../../components/Table';
import { useToast } from '../../components/Toast';
import { formatDate, formatRelative } from '../../lib/format';
import { RoleBadge, RoleSelect } from './RoleSelect';
import { useApiKeys, useCreateApiKey, useRevokeApiKey } from './settings.queries';

function NewKeyForm({ onCreated }: { onCreated: (key: CreatedApiKeyDto) => void }) {
  const create = useCreateApiKey(onCreated);
  const errors = fieldErrorsOf(create.error);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const v = formValues(e.currentTarget);
    create.mutate({ name: v.name ?? '', role: (v.role as Role) ?? 'manager', ...(v.rate_limit_per_minute ? { rate_limit_per_minute: Number(v.rate_limit_per_minute) } : {}) });
  };
  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <FormError error={create.error} />
      <InputField label="Name" name="name" errors={errors} hint="Who uses it, e.g. “Productivity backend”." />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Acts as role" error={errors.role}>
          <RoleSelect name="role" defaultValue="manager" />
        </Field>
        <InputField label="Requests per minute" name="rate_limit_per_minute" inputMode="numeric" errors={errors} hint="Empty: the default limit." />
      </div>
      <SubmitRow busy={create.isPending}>Create key</SubmitRow>
    </form>
  );
}

export function ApiKeysPanel() {
  const toast = useToast();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedApiKeyDto | null>(null);
  const keys = useApiKeys();
  const revoke = useRevokeApiKey();
  const confirm = useConfirm();

  return (
    <>
      {confirm.dialog}
      <div className="flex items-center justify-between gap-3 border-b border-slate-100 p-4">
        <p className="text-sm text-slate-500">Keys for integrations; each acts with the role it was created with.</p>
        <Button icon="key" onClick={() => setCreating(true)}>
          New API key
        </Button>
      </div>
      <QueryState query={keys} isEmpty={(keys.data?.data ?? []).length === 0} emptyState={{ icon: 'key', title: 'No API keys yet', text: 'Create one for the productivity backend or another integration.' }}>
        <RowsTable label="API keys" rows={(keys.data?.data ?? [])} rowKey={(k) => k.id} columns={['Name', 'Role', ['Last used', 'hidden md:table-cell'], ['Created', 'hidden sm:table-cell'], 'Status']}>
          {(k) => (
            <>
              <NameCell name={k.name} detail={<code>{k.prefix}…</code>} />
              <Td>
                <RoleBadge role={k.role} />
              </Td>
              <Td className="hidden text-slate-500 md:table-cell">{k.last_used_at ? formatRelative(k.last_used_at) : 'Never'}</Td>
              <Td className="hidden text-slate-500 sm:table-cell">{formatDate(k.created_at)}</Td>
              <Td>
                {k.revoked_at ? (
                  <Badge>Revoked</Badge>
                ) : (
                  <Button size="sm" variant="danger" busy={revoke.isPending && revoke.variables === k.id} onClick={() => confirm.ask({ title: 'Revoke the API key', message: `Revoke “${k.name}”? Integrations using it stop working.`, confirmLabel: 'Revoke key', onConfirm: () => revoke.mutate(k.id) })}>
                    Revoke
                  </Button>
                )}
              </Td>
            </>
          )}
        </RowsTable>
      </QueryState>
      {creating && (
        <Modal title="New API key" onClose={() => setCreating(false)}>
          <NewKeyForm onCreated={(key) => (setCreating(false), setCreated(key))} />
        </Modal>
      )}
      {created && (
        <Modal title="Copy your new key" onClose={() => setCreated(null)}>
          <p className="text-sm text-slate-600">This is the only time the key is shown. Store it somewhere safe.</p>
          <div className="mt-3 flex items-center gap-2">
            <Input readOnly value={created.key} aria-label="API key" className="font-mono text-xs" onFocus={(e) => e.currentTarget.select()} />
            <Button variant="secondary" icon="copy" onClick={() => navigator.clipboard?.writeText(created.key).then(() => toast.success('Copied'))}>
              Copy
            </Button>
          </div>
          <div className="mt-4 flex justify-end">
            <Button onClick={() => setCreated(null)}>Done</Button>
          </div>
        </Modal>
      )}
    </>
  );
}

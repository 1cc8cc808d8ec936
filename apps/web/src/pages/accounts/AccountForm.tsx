import type { AccountDto } from '@clockwork/api-client';
import { useState, type FormEvent } from 'react';
import { fieldErrorsOf } from '../../api/errors';
import { useUsers } from '../../api/lookups';
import { CustomFieldInputs, readCustomFields } from '../../components/records/CustomFieldInputs';
import { Field, FormError, formValues, InputField, NamedSelect, SubmitRow } from '../../components/Form';
import { useSaveAccount } from './accounts.queries';

/** Creates an account, or edits `account` when given. */
export function AccountForm({ account, onDone }: { account?: AccountDto; onDone: (account: AccountDto) => void }) {
  const { users } = useUsers();
  const [owner, setOwner] = useState(account?.owner_id ?? '');
  const save = useSaveAccount(account, onDone);
  const errors = fieldErrorsOf(save.error);

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const v = formValues(e.currentTarget);
    save.mutate({ name: v.name ?? '', industry: v.industry, website: v.website, domain: v.domain, phone: v.phone, address: v.address, owner_id: v.owner_id, custom_fields: readCustomFields(e.currentTarget) });
  };

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <FormError error={save.error} />
      <InputField label="Name" name="name" defaultValue={account?.name} required errors={errors} />
      <div className="grid gap-4 sm:grid-cols-2">
        <InputField label="Industry" name="industry" defaultValue={account?.industry ?? ''} errors={errors} />
        <Field label="Owner" error={errors.owner_id}>
          <NamedSelect name="owner_id" value={owner} onChange={(e) => setOwner(e.target.value)} options={users} none="Me" />
        </Field>
        <InputField label="Website" name="website" type="url" placeholder="https://" defaultValue={account?.website ?? ''} errors={errors} />
        <InputField label="Email domain" name="domain" placeholder="acme.com" defaultValue={account?.domain ?? ''} errors={errors} hint="Used to match contacts and time entries." />
        <InputField label="Phone" name="phone" type="tel" defaultValue={account?.phone ?? ''} errors={errors} />
        <InputField label="Address" name="address" defaultValue={account?.address ?? ''} errors={errors} />
      </div>
      <CustomFieldInputs recordType="account" values={account?.custom_fields} errors={errors} />
      <SubmitRow busy={save.isPending}>{account ? 'Save changes' : 'Create account'}</SubmitRow>
    </form>
  );
}

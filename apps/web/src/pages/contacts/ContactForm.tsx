import type { ContactDto } from '@clockwork/api-client';
import { useState, type FormEvent } from 'react';
import { fieldErrorsOf } from '../../api/errors';
import { searchAccounts, useAccountOptions } from '../../api/lookups';
import { queryKeys } from '../../api/query-keys';
import { useAuth } from '../../auth/AuthProvider';
import { canSee } from '../../auth/permissions';
import { CustomFieldInputs, readCustomFields } from '../../components/records/CustomFieldInputs';
import { Field, FormError, formValues, InputField, SubmitRow } from '../../components/Form';
import { RecordCombobox } from '../../components/RecordCombobox';
import { useSaveContact } from './contacts.queries';

export function ContactForm({ contact, accountId, onDone }: { contact?: ContactDto; accountId?: string; onDone: (contact: ContactDto) => void }) {
  const { user } = useAuth();
  const accounts = useAccountOptions();
  // Controlled: the options arrive after the first render, a default value would be lost.
  const [account, setAccount] = useState(contact?.account_id ?? accountId ?? '');
  const save = useSaveContact(contact, onDone);
  const errors = fieldErrorsOf(save.error);

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const v = formValues(e.currentTarget);
    const tags = (v.tags ?? '').split(',').map((t) => t.trim()).filter(Boolean);
    save.mutate({ first_name: v.first_name ?? '', last_name: v.last_name, email: v.email, phone: v.phone, job_title: v.job_title, account_id: v.account_id, tags, custom_fields: readCustomFields(e.currentTarget) });
  };

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <FormError error={save.error} />
      <div className="grid gap-4 sm:grid-cols-2">
        <InputField label="First name" name="first_name" defaultValue={contact?.first_name} autoComplete="off" errors={errors} />
        <InputField label="Last name" name="last_name" defaultValue={contact?.last_name ?? ''} autoComplete="off" errors={errors} />
        <InputField label="Email" name="email" type="email" defaultValue={contact?.email ?? ''} autoComplete="off" errors={errors} />
        <InputField label="Phone" name="phone" type="tel" defaultValue={contact?.phone ?? ''} errors={errors} />
        <InputField label="Job title" name="job_title" defaultValue={contact?.job_title ?? ''} errors={errors} />
        {canSee(user?.role, 'accounts') && (
          <Field label="Account" error={errors.account_id}>
            <RecordCombobox name="account_id" value={account} onChange={setAccount} selectedLabel={accounts.nameOf(account)} search={searchAccounts} searchKey={queryKeys.accounts.search} noneLabel="No account" />
          </Field>
        )}
      </div>
      <InputField label="Tags" name="tags" defaultValue={contact?.tags.join(', ') ?? ''} errors={errors} hint="Separate tags with commas." />
      <CustomFieldInputs recordType="contact" values={contact?.custom_fields} errors={errors} />
      <SubmitRow busy={save.isPending}>{contact ? 'Save changes' : 'Add contact'}</SubmitRow>
    </form>
  );
}

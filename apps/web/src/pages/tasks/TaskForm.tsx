import { useState, type FormEvent } from 'react';
import { fieldErrorsOf } from '../../api/errors';
import { searchDeals, useDealOptions, useUsers } from '../../api/lookups';
import { queryKeys } from '../../api/query-keys';
import { taskPriorities, type TaskPriority } from '../../components/badges';
import { CustomFieldInputs, readCustomFields } from '../../components/records/CustomFieldInputs';
import { DescriptionField, Field, FormError, formValues, InputField, NamedSelect, Select, SubmitRow } from '../../components/Form';
import { RecordCombobox } from '../../components/RecordCombobox';
import { useCreateTask } from './tasks.queries';

export function TaskForm({ onDone }: { onDone: () => void }) {
  const { users } = useUsers();
  const deals = useDealOptions();
  const [deal, setDeal] = useState('');
  const create = useCreateTask(() => onDone());
  const errors = fieldErrorsOf(create.error);

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const v = formValues(e.currentTarget);
    create.mutate({ title: v.title ?? '', description: v.description, deal_id: v.deal_id, assigned_to: v.assigned_to, priority: (v.priority as TaskPriority) ?? 'medium', due_date: v.due_date, estimated_hours: v.estimated_hours, custom_fields: readCustomFields(e.currentTarget) });
  };

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <FormError error={create.error} />
      <InputField label="Title" name="title" errors={errors} />
      <div className="grid gap-4 sm:grid-cols-2">
        {deals.deals.length > 0 && (
          <Field label="Deal" error={errors.deal_id}>
            <RecordCombobox name="deal_id" value={deal} onChange={setDeal} selectedLabel={deals.nameOf(deal)} search={searchDeals} searchKey={queryKeys.deals.search} noneLabel="No deal" />
          </Field>
        )}
        <Field label="Assignee" error={errors.assigned_to}>
          <NamedSelect name="assigned_to" defaultValue="" options={users} none="Unassigned" />
        </Field>
        <Field label="Priority" error={errors.priority}>
          <Select name="priority" defaultValue="medium">
            {taskPriorities.map((p) => (
              <option key={p} value={p}>
                {p[0].toUpperCase() + p.slice(1)}
              </option>
            ))}
          </Select>
        </Field>
        <InputField label="Due date" name="due_date" type="date" errors={errors} />
        <InputField label="Estimated hours" name="estimated_hours" inputMode="decimal" errors={errors} />
      </div>
      <DescriptionField error={errors.description} />
      <CustomFieldInputs recordType="task" errors={errors} />
      <SubmitRow busy={create.isPending}>Create task</SubmitRow>
    </form>
  );
}

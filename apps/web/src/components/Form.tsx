import { cloneElement, isValidElement, useId, type ComponentProps, type ReactElement, type ReactNode } from 'react';
import { ApiError, errorMessage } from '../api/errors';
import { Button } from './Button';
import { Icon, type IconName } from './icons';

const control =
  'block w-full rounded-lg border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-slate-300 ring-inset placeholder:text-slate-400 focus:ring-2 focus:ring-indigo-600 focus:outline-none disabled:bg-slate-50 disabled:text-slate-500 aria-[invalid=true]:ring-rose-400';

export const Input = ({ className = '', ...props }: ComponentProps<'input'>) => <input className={`${control} ${className}`} {...props} />;
export const Select = ({ className = '', ...props }: ComponentProps<'select'>) => <select className={`${control} pr-8 ${className}`} {...props} />;
export const Textarea = ({ className = '', ...props }: ComponentProps<'textarea'>) => <textarea className={`${control} ${className}`} rows={3} {...props} />;

interface FieldProps {
  label: string;
  error?: string;
  hint?: ReactNode;
  children: ReactElement<{ id?: string; 'aria-invalid'?: boolean; 'aria-describedby'?: string }>;
  className?: string;
}

/** A labelled control with its API field error (aria-invalid, described by the message). */
export function Field({ label, error, hint, children, className = '' }: FieldProps) {
  const id = useId();
  const messageId = `${id}-message`;
  const control = isValidElement(children)
    ? cloneElement(children, { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': error || hint ? messageId : undefined })
    : children;
  return (
    <div className={className}>
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-700">
        {label}
      </label>
      {control}
      {error ? (
        <p id={messageId} className="mt-1 text-xs text-rose-600">
          {error}
        </p>
      ) : (
        hint && (
          <p id={messageId} className="mt-1 text-xs text-slate-500">
            {hint}
          </p>
        )
      )}
    </div>
  );
}

/**
 * A labelled input named after its API field, with that field's error from `errors` (a form's
 * fieldErrorsOf): `<InputField label="Title" name="title" errors={errors} />`. `className` and
 * `hint` are the field's; the other props go to the input.
 */
export function InputField({ label, hint, errors, className, ...input }: Omit<ComponentProps<'input'>, 'className'> & { label: string; name: string; errors: Record<string, string>; hint?: ReactNode; className?: string }) {
  return (
    <Field label={label} error={errors[input.name]} hint={hint} className={className}>
      <Input {...input} />
    </Field>
  );
}

/** The form-level message of a failed submit (field errors show beside their fields). */
export function FormError({ error }: { error: unknown }) {
  if (!error) return null;
  const withFields = error instanceof ApiError && Object.keys(error.fieldErrors).length > 0;
  return (
    <div role="alert" className="flex items-start gap-2 rounded-lg border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-800">
      <Icon name="alert" className="mt-0.5 size-4 shrink-0" />
      <span>{withFields ? 'Please correct the highlighted fields.' : errorMessage(error)}</span>
    </div>
  );
}

/** The string fields of a form, with empty strings as null (the API's "not set"). */
export function formValues(form: HTMLFormElement): Record<string, string | null> {
  const values: Record<string, string | null> = {};
  new FormData(form).forEach((value, key) => {
    if (typeof value === 'string') values[key] = value.trim() === '' ? null : value.trim();
  });
  return values;
}

/**
 * A form's submit button, right-aligned under its fields (busy while the save runs); with
 * `onCancel`, a Cancel button before it (a dialog's form). `tight`: no space above it.
 */
export function SubmitRow({ busy, disabled, danger, onCancel, tight, children }: { busy: boolean; disabled?: boolean; danger?: boolean; onCancel?: () => void; tight?: boolean; children: ReactNode }) {
  return (
    <div className={tight ? 'flex justify-end gap-2' : 'flex justify-end gap-2 pt-2'}>
      {onCancel && (
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      )}
      <Button type="submit" variant={danger ? 'danger' : 'primary'} busy={busy} disabled={disabled}>
        {children}
      </Button>
    </div>
  );
}

/**
 * The end of a form laid out as a grid: its submit button in a cell of its own (at the cell's
 * foot, level with the inputs), then the form's error across the grid (`span`: its classes).
 */
export function GridFormEnd({ busy, error, span, icon, size, children }: { busy: boolean; error: unknown; span: string; icon?: IconName; size?: 'sm' | 'md'; children: ReactNode }) {
  return (
    <>
      <div className="flex items-end">
        <Button type="submit" icon={icon} size={size} busy={busy}>
          {children}
        </Button>
      </div>
      <div className={span}>
        <FormError error={error} />
      </div>
    </>
  );
}

/** The "Description" field of a record form. */
export const DescriptionField = ({ error }: { error?: string }) => (
  <Field label="Description" error={error}>
    <Textarea name="description" />
  </Field>
);

/** A select of records by name, with a first option for none ("Unassigned", "Me"). */
export function NamedSelect({ options, none, ...props }: ComponentProps<'select'> & { options: Array<{ id: string; name: string }>; none: string }) {
  return (
    <Select {...props}>
      <option value="">{none}</option>
      {options.map((o) => (
        <option key={o.id} value={o.id}>
          {o.name}
        </option>
      ))}
    </Select>
  );
}

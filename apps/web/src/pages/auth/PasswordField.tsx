import { Field, Input } from '../../components/Form';

export const PASSWORD_HINT = 'At least 10 characters. A few unrelated words are strong and easy to remember; avoid your name, email or organization.';

/**
 * A new-password field. A refused password shows the API's reasons beside the field: the first
 * says why, the rest (the strength check's feedback) how to do better.
 */
export function NewPasswordField({ label, name, error }: { label: string; name: string; error?: string }) {
  return (
    <Field label={label} error={error} hint={PASSWORD_HINT}>
      <Input name={name} type="password" autoComplete="new-password" required minLength={10} />
    </Field>
  );
}

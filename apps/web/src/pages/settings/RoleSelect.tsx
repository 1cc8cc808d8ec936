import type { ComponentProps } from 'react';
import { roleLabels, type Role } from '../../auth/permissions';
import { Select } from '../../components/Form';

const roles = Object.keys(roleLabels) as Role[];

/** A select of the four roles, by label. */
export const RoleSelect = (props: ComponentProps<'select'>) => (
  <Select {...props}>
    {roles.map((r) => (
      <option key={r} value={r}>
        {roleLabels[r]}
      </option>
    ))}
  </Select>
);

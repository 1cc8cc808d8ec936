import type { ComponentProps } from 'react';
import { roleLabels, type Role } from '../../auth/permissions';
import { Badge } from '../../components/Badge';
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

/** A user's or key's role, as a badge. */
export const RoleBadge = ({ role }: { role: Role }) => <Badge tone="accent">{roleLabels[role]}</Badge>;

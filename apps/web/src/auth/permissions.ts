import type { UserDto } from '@clockwork/api-client';
import { capabilityRoles, sectionRoles, type Capability, type Section } from './permissions.generated';

export type Role = UserDto['role'];
export type { Capability, Section };

/** Whether a role may open a section of the app (generated from docs/permissions.md). */
export const canSee = (role: Role | undefined, section: Section): boolean => !!role && sectionRoles[section].includes(role);
/** Whether a role may take an action within a section (generated from docs/permissions.md). */
export const can = (role: Role | undefined, capability: Capability): boolean => !!role && capabilityRoles[capability].includes(role);

export const roleLabels: Record<Role, string> = { admin: 'Admin', manager: 'Manager', sales: 'Sales', support: 'Support' };

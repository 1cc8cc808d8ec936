import type { UserDto } from '@clockwork/api-client';

export type Role = UserDto['role'];

/** Sections of the app and who may use them (docs/permissions.md). */
export type Section =
  | 'dashboard'
  | 'accounts'
  | 'contacts'
  | 'deals'
  | 'tasks'
  | 'time-entries'
  | 'reports'
  | 'integrations'
  | 'settings';

const sections: Record<Section, readonly Role[]> = {
  dashboard: ['admin', 'manager', 'sales', 'support'],
  accounts: ['admin', 'manager', 'sales'],
  contacts: ['admin', 'manager', 'sales', 'support'],
  deals: ['admin', 'manager', 'sales'],
  tasks: ['admin', 'manager', 'sales', 'support'],
  'time-entries': ['admin', 'manager', 'sales', 'support'],
  reports: ['admin', 'manager'],
  integrations: ['admin'],
  settings: ['admin', 'manager'],
};

/** Actions within a section that not every role of that section may take. */
export type Capability =
  | 'review-time'
  | 'import'
  | 'bulk-assign'
  | 'manage-users'
  | 'manage-api-keys'
  | 'list-users'
  | 'audit-log'
  | 'retention'
  /** Everyone's time entries with productivity scores; the others see only their own time (docs/permissions.md). */
  | 'all-time';

const capabilities: Record<Capability, readonly Role[]> = {
  'review-time': ['admin', 'manager'],
  import: ['admin', 'manager'],
  'bulk-assign': ['admin', 'manager'],
  'manage-users': ['admin'],
  'manage-api-keys': ['admin'],
  'list-users': ['admin', 'manager'],
  'audit-log': ['admin', 'manager'],
  retention: ['admin'],
  'all-time': ['admin', 'manager'],
};

export const canSee = (role: Role | undefined, section: Section): boolean => !!role && sections[section].includes(role);
export const can = (role: Role | undefined, capability: Capability): boolean => !!role && capabilities[capability].includes(role);

export const roleLabels: Record<Role, string> = { admin: 'Admin', manager: 'Manager', sales: 'Sales', support: 'Support' };

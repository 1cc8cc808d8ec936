/** The roles of the product, from most to least privileged (see docs/permissions.md). */
export const ROLES = ['admin', 'manager', 'sales', 'support'] as const;
export type Role = (typeof ROLES)[number];

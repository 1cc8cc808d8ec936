/** The roles of the product, from most to least privileged (see docs/permissions.md). */
export const ROLES = ['admin', 'manager', 'sales', 'support'] as const;
export type Role = (typeof ROLES)[number];

/**
 * The roles that read every colleague's time entries and their productivity scores. The others
 * (sales, support) read only their own entries, without productivity scores, and on the records
 * they may read see the hours logged, not who logged them (docs/permissions.md).
 */
export const ALL_TIME_ROLES: readonly Role[] = ['admin', 'manager'];
export const seesEveryonesTime = (role: Role | undefined | null): boolean => !!role && ALL_TIME_ROLES.includes(role);

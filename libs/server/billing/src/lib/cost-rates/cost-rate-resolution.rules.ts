/**
 * The cost rate of a row `e` (organization_id, user_id) on the UTC day `day`: among the cost
 * rates in effect that day, the user's own (`precedence` 1) before the rate of the user's
 * current role (2; `role` is an SQL expression of that role, e.g. `u.role`). A LATERAL join
 * exposing `cost.hourly_cost` (text) and `cost.currency`; no row: no cost rate covers it.
 */
export const COST_RATE_ON_DAY = (e: string, day: string, role: string) => `
  LEFT JOIN LATERAL (
    SELECT c.hourly_cost::text AS hourly_cost, c.currency
      FROM cost_rates c
     WHERE c.organization_id = ${e}.organization_id
       AND c.valid_from <= ${day}
       AND (c.valid_to IS NULL OR c.valid_to >= ${day})
       AND ((c.level = 'user' AND c.user_id = ${e}.user_id) OR (c.level = 'role' AND c.role = ${role}))
     ORDER BY c.precedence
     LIMIT 1) cost ON true`;

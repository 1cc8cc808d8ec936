import type { BillingRateLevel } from '@clockwork/shared-dto';

/**
 * The rate of a time entry: among the rates in effect on the entry's day (UTC date of its
 * start), the most specific one wins — deal+user > deal > account > user > organization
 * (`billing_rates.precedence` 1..5). Customer agreements (deal, account) come before a
 * person's default rate, as in Kimai; a deal+user rate prices one person on one deal.
 *
 * A LATERAL join for an entry alias `e` (time_entries): one index probe per entry, in the
 * same statement as the query that reads the entries, so many entries resolve in one query.
 */
export const RATE_OF_ENTRY = (e: string) => RATE_ON_DAY(e, `(${e}.start_time AT TIME ZONE 'UTC')::date`);

/** The same LATERAL join for any row `e` with organization_id, deal_id, user_id and account_id, on the UTC day `day` (a date expression). */
export const RATE_ON_DAY = (e: string, day: string) => `
  LEFT JOIN LATERAL (
    SELECT r.id, r.level, r.hourly_rate::text AS hourly_rate, r.currency
      FROM billing_rates r
     WHERE r.organization_id = ${e}.organization_id
       AND r.valid_from <= ${day}
       AND (r.valid_to IS NULL OR r.valid_to >= ${day})
       AND ((r.level = 'deal_user' AND r.deal_id = ${e}.deal_id AND r.user_id = ${e}.user_id)
         OR (r.level = 'deal' AND r.deal_id = ${e}.deal_id)
         OR (r.level = 'account' AND r.account_id = ${e}.account_id)
         OR (r.level = 'user' AND r.user_id = ${e}.user_id)
         OR r.level = 'organization')
     ORDER BY r.precedence
     LIMIT 1) rate ON true`;

export interface ResolvedRate {
  rate_id: string;
  level: BillingRateLevel;
  hourly_rate: string;
  currency: string;
}

/**
 * The timesheet lock as SQL, for the write paths that skip locked time entries instead of
 * failing (agent updates, re-mapping, retention) and for invoices that take approved time only.
 * The database refuses every other change to a locked entry (trigger, SQLSTATE CW409; see the
 * timesheets migration), so these are the only places that need to know the column.
 */
export const UNLOCKED_TIME_ENTRY = (alias: string) => `${alias}.approved_timesheet_id IS NULL`;
export const APPROVED_TIME_ENTRY = (alias: string) => `${alias}.approved_timesheet_id IS NOT NULL`;

/**
 * Whether an entry may go on an invoice as far as approval goes: always, unless its organization
 * sets `invoices_require_approval`, then only when approved. Every selection of invoice
 * candidates (POST /invoices and its previews) takes this one predicate.
 */
export const INVOICEABLE_BY_APPROVAL = (alias: string) =>
  `(${APPROVED_TIME_ENTRY(alias)} OR NOT (SELECT o.invoices_require_approval FROM organizations o WHERE o.id = ${alias}.organization_id))`;

import type { SeedRecords } from './seed';

/**
 * [file name, path, the page's h1] of each main page: the screenshots spec captures each of them
 * and the accessibility spec runs axe on each of them, on a desktop and a phone.
 */
export const mainPages: Array<[string, string, string]> = [
  ['dashboard', '/', 'Dashboard'],
  ['accounts', '/accounts', 'Accounts'],
  ['contacts', '/contacts', 'Contacts'],
  ['deals', '/deals', 'Deals'],
  ['tasks', '/tasks', 'Tasks'],
  ['time-entries', '/time-entries', 'Time Entries'],
  ['review-queue', '/time-entries?view=review', 'Time Entries'],
  ['mapping-rules', '/time-entries?view=rules', 'Time Entries'],
  ['reports', '/reports', 'Reports'],
  ['reports-by-week', '/reports?group_by=week', 'Reports'],
  ['invoices', '/invoices', 'Invoices'],
  ['integrations', '/integrations', 'Integrations'],
  ['integrations-webhooks', '/integrations?tab=webhooks', 'Integrations'],
  ['sync-conflicts', '/sync-conflicts', 'Sync conflicts'],
  ['timesheet', '/timesheet', 'My timesheet'],
  ['approvals', '/approvals', 'Approvals'],
  ['settings', '/settings', 'Settings'],
  ['settings-rates', '/settings?tab=rates', 'Settings'],
  ['settings-retention', '/settings?tab=retention', 'Settings'],
  ['settings-timesheets', '/settings?tab=timesheets', 'Settings'],
  ['settings-time-zone', '/settings?tab=organization', 'Settings'],
  ['settings-pipelines', '/settings?tab=pipelines', 'Settings'],
  ['audit-log', '/audit-log', 'Audit log'],
  ['privacy', '/privacy', 'Privacy'],
  ['settings-sso', '/settings?tab=sso', 'Settings'],
  ['settings-email', '/settings?tab=email', 'Settings'],
  ['unmatched-emails', '/unmatched-emails', 'Unmatched emails'],
  ['import', '/import?kind=accounts', 'Import from CSV'],
];

/** [name, path, h1] of the seeded organization's record pages (Stark Industries, Priya Nair, Factory dashboard, its invoices). */
export const recordPages = (r: SeedRecords): Array<[string, string, string]> => [
  ['account-detail', `/accounts/${r.account}`, 'Stark Industries'],
  ['contact-detail', `/contacts/${r.contact}`, 'Priya Nair'],
  ['deal-detail', `/deals/${r.deal}`, 'Factory dashboard'],
  ['invoice-detail', `/invoices/${r.issuedInvoice}`, 'Invoice INV-'],
  ['draft-invoice-detail', `/invoices/${r.draftInvoice}`, 'Draft invoice for Acme Logistics'],
];

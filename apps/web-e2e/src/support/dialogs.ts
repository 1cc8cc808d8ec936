import type { Page } from 'playwright-core';
import type { SeedRecords } from './seed';

/** A dialog or menu to open and check: where, which button opens it, and what it is once open. */
export interface Overlay {
  name: string;
  /** a page path, or one made from the seeded records' ids */
  path: string | ((records: SeedRecords) => string);
  heading: string;
  /** a step before the opener is enabled (e.g. choose a deal in the review queue) */
  prepare?: (page: Page) => Promise<void>;
  opener: (page: Page) => ReturnType<Page['getByRole']>;
  /** the open dialog, menu or panel; axe checks the whole page with it open */
  opened: (page: Page) => ReturnType<Page['getByRole']>;
  only?: 'phone' | 'desktop';
}

const button = (name: string | RegExp, exact = typeof name === 'string') => (page: Page) => page.getByRole('button', { name, exact }).first();
const dialog = (name: string) => (page: Page) => page.getByRole('dialog', { name });
const region = (name: string) => (page: Page) => page.getByRole('region', { name });
const logActivity = { heading: '', opener: button('Log a call / meeting'), opened: dialog('Log a call or meeting') };

/** Every dialog, menu and drawer of the main pages that the accessibility spec opens. */
export const overlays: Overlay[] = [
  { name: 'new-account', path: '/accounts', heading: 'Accounts', opener: button('New account'), opened: dialog('New account') },
  { name: 'new-contact', path: '/contacts', heading: 'Contacts', opener: button('New contact'), opened: dialog('New contact') },
  { name: 'new-deal', path: '/deals', heading: 'Deals', opener: button('New deal'), opened: dialog('New deal') },
  { name: 'new-task', path: '/tasks', heading: 'Tasks', opener: button('New task'), opened: dialog('New task') },
  {
    name: 'make-rule',
    path: '/time-entries?view=review',
    heading: 'Time Entries',
    prepare: async (page) => {
      await page.getByRole('combobox', { name: 'Deal for qzv kiosk sync' }).selectOption({ label: 'Factory dashboard' });
    },
    opener: button('Make this a rule from qzv kiosk sync'),
    opened: dialog('Make this a rule'),
  },
  { name: 'invite-user', path: '/settings', heading: 'Settings', opener: button('Invite user'), opened: dialog('Invite user') },
  { name: 'new-api-key', path: '/settings?tab=api-keys', heading: 'Settings', opener: button('New API key'), opened: dialog('New API key') },
  { name: 'new-webhook', path: '/integrations?tab=webhooks', heading: 'Integrations', opener: button('New subscription'), opened: dialog('New webhook subscription') },
  { name: 'new-invoice', path: '/invoices', heading: 'Invoices', opener: button('New invoice'), opened: dialog('New invoice') },
  { name: 'schedule-report', path: '/reports', heading: 'Reports', opener: button('Schedule this report: Time per deal'), opened: dialog('Schedule Time per deal') },
  { name: 'delete-rule', path: '/time-entries?view=rules', heading: 'Time Entries', opener: button('Delete Factory dashboard work'), opened: dialog('Delete the rule') },
  { name: 'delete-rate', path: '/settings?tab=rates', heading: 'Settings', opener: button(/^Delete the .* rate for /), opened: dialog('Delete the rate') },
  { name: 'rotate-secret', path: '/integrations', heading: 'Integrations', opener: button('Rotate secret'), opened: dialog('Rotate the signing secret') },
  { name: 'user-menu', path: '/', heading: 'Dashboard', opener: button(/account menu/i), opened: (page) => page.getByRole('menu') },
  { name: 'notifications', path: '/', heading: 'Dashboard', opener: button(/^Notifications/), opened: (page) => page.getByRole('region', { name: 'Notifications' }) },
  { name: 'command-palette', path: '/', heading: 'Dashboard', opener: button('Search…'), opened: (page) => page.getByRole('combobox', { name: 'Search records and pages' }) },
  { name: 'saved-views-menu', path: '/contacts', heading: 'Contacts', opener: button('Views'), opened: region('Saved views') },
  {
    name: 'bulk-edit',
    path: '/contacts',
    heading: 'Contacts',
    prepare: async (page) => {
      await page.getByRole('checkbox', { name: 'Select all contacts shown' }).check();
    },
    opener: button('Edit selected…'),
    opened: (page) => page.getByRole('dialog', { name: /^Edit \d+ contacts?$/ }),
  },
  { name: 'reject-timesheet', path: '/approvals', heading: 'Approvals', opener: button('Reject'), opened: dialog('Reject the timesheet of Maya Patel') },
  { name: 'reopen-timesheet', path: '/approvals', heading: 'Approvals', opener: button('Reopen'), opened: dialog('Reopen the timesheet of Maya Patel?') },
  { name: 'delete-cost-rate', path: '/settings?tab=rates', heading: 'Settings', opener: button(/^Delete the cost rate for /), opened: dialog('Delete this cost rate?') },
  { name: 'delete-exchange-rate', path: '/settings?tab=rates', heading: 'Settings', opener: button(/^Delete the rate 1 EUR = /), opened: dialog('Delete this exchange rate?') },
  { name: 'log-activity-account', path: (r) => `/accounts/${r.account}`, ...logActivity, heading: 'Stark Industries' },
  { name: 'log-activity-contact', path: (r) => `/contacts/${r.contact}`, ...logActivity, heading: 'Priya Nair' },
  { name: 'log-activity-deal', path: (r) => `/deals/${r.deal}`, ...logActivity, heading: 'Factory dashboard' },
  { name: 'export-period', path: '/invoices', heading: 'Invoices', opener: button('Export period'), opened: dialog('Export a period for accounting') },
  { name: 'pay-invoice', path: (r) => `/invoices/${r.issuedInvoice}`, heading: 'Invoice INV-', opener: button('Mark paid'), opened: dialog('Mark the invoice paid') },
  { name: 'void-invoice', path: (r) => `/invoices/${r.issuedInvoice}`, heading: 'Invoice INV-', opener: button('Void'), opened: dialog('Void this invoice?') },
  { name: 'delete-draft', path: (r) => `/invoices/${r.draftInvoice}`, heading: 'Draft invoice for', opener: button('Delete draft'), opened: dialog('Delete this draft?') },
  { name: 'connect-accounting', path: '/integrations?tab=accounting', heading: 'Integrations', opener: button('Connect accounting'), opened: dialog('Connect an accounting system') },
  {
    name: 'erase-contact',
    path: '/privacy',
    heading: 'Privacy',
    prepare: async (page) => {
      await page.getByRole('textbox', { name: 'Or an email address (erasure only)' }).fill('lena@example.test');
    },
    opener: button('Erase…'),
    opened: dialog('Erase'),
  },
  { name: 'navigation-drawer', path: '/', heading: 'Dashboard', opener: button('Open navigation'), opened: dialog('Navigation menu'), only: 'phone' },
];

import type { AccountingFormat } from './invoices.queries';

/** The accounting files, in the order the buttons and the period dialog offer them. */
export const accountingFormats: Array<{ format: AccountingFormat; label: string }> = [
  { format: 'xero', label: 'Xero' },
  { format: 'quickbooks', label: 'QuickBooks' },
  { format: 'generic', label: 'CSV (all fields)' },
];

import type { Locator, Page } from 'playwright-core';

/** What to type in the New invoice dialog: the account or deal to bill (searched by `search`, picked by its name), the period, the tax and the invoice date. */
export interface NewInvoice {
  billing?: 'Account' | 'Deal';
  search: string;
  pick: string;
  from: string;
  to: string;
  taxPercent?: string;
  invoiceDate: string;
}

/**
 * On the invoices page `page` shows, opens the New invoice dialog, fills it with `invoice` and asks
 * for the preview; answers the dialog and its preview lines table (shown).
 */
export async function previewNewInvoice(page: Page, invoice: NewInvoice): Promise<{ dialog: Locator; preview: Locator }> {
  const billing = invoice.billing ?? 'Account';
  await page.getByRole('button', { name: 'New invoice' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New invoice' });
  if (billing === 'Deal') await dialog.getByRole('radio', { name: 'A deal' }).check();
  const picker = dialog.getByRole('combobox', { name: billing });
  await picker.click();
  await picker.fill(invoice.search);
  await dialog.getByRole('option', { name: invoice.pick }).click();
  await dialog.getByLabel('Period from').fill(invoice.from);
  await dialog.getByLabel('Period to').fill(invoice.to);
  if (invoice.taxPercent !== undefined) await dialog.getByLabel('Tax %').fill(invoice.taxPercent);
  await dialog.getByLabel('Invoice date').fill(invoice.invoiceDate);
  await dialog.getByRole('button', { name: 'Preview' }).click();
  const preview = dialog.getByRole('table', { name: 'Preview lines' });
  await preview.waitFor();
  return { dialog, preview };
}

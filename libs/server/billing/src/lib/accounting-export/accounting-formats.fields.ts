import { AccountingExportFormat, DEFAULT_DUE_DAYS, InvoiceExportQueryDto, InvoiceWithLinesDto } from '@clockwork/shared-dto';
import { dueDateOf } from '../invoices/invoice-event.mapper';
import { lineTaxes } from './line-tax.rules';

/** Xero's sales invoice import template, in its order (docs/accounting-exports.md); `*` marks Xero's required columns. */
export const XERO_COLUMNS = [
  '*ContactName', 'EmailAddress', 'POAddressLine1', 'POAddressLine2', 'POAddressLine3', 'POAddressLine4', 'POCity', 'PORegion', 'POPostalCode', 'POCountry',
  '*InvoiceNumber', 'Reference', '*InvoiceDate', '*DueDate', 'InventoryItemCode', '*Description', '*Quantity', '*UnitAmount', 'Discount', '*AccountCode', '*TaxType',
  'TaxAmount', 'TrackingName1', 'TrackingOption1', 'TrackingName2', 'TrackingOption2', 'Currency', 'BrandingTheme',
];

/** QuickBooks Online's invoice import sample file, in its order. */
export const QUICKBOOKS_COLUMNS = [
  'InvoiceNo', 'Customer', 'InvoiceDate', 'DueDate', 'Terms', 'Location', 'Memo', 'Item(Product/Service)', 'ItemDescription', 'ItemQuantity', 'ItemRate', 'ItemAmount',
  'ItemTaxCode', 'ItemTaxAmount', 'Currency', 'Service Date',
];

/** Every field of the invoice and of each line, one row per line. */
export const GENERIC_COLUMNS = [
  'invoice_id', 'invoice_number', 'status', 'customer_name', 'account_id', 'deal_id', 'invoice_date', 'due_date', 'period_from', 'period_to', 'currency',
  'line_position', 'line_description', 'deal_id_of_line', 'user_id', 'hours', 'hourly_rate', 'rate_currency', 'exchange_rate', 'exchange_rate_date', 'line_amount',
  'tax_rate_percent', 'line_tax_amount', 'invoice_subtotal', 'invoice_tax_amount', 'invoice_total', 'issued_at', 'paid_at',
];

export const COLUMNS_OF: Record<AccountingExportFormat, string[]> = { xero: XERO_COLUMNS, quickbooks: QUICKBOOKS_COLUMNS, generic: GENERIC_COLUMNS };

type Options = Pick<InvoiceExportQueryDto, 'account_code' | 'tax_type' | 'due_days'>;
type Line = InvoiceWithLinesDto['lines'][number];

const [dmy, mdy] = [(d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`, (d: string) => `${d.slice(5, 7)}/${d.slice(8, 10)}/${d.slice(0, 4)}`];
const taxed = (i: InvoiceWithLinesDto) => Number(i.tax_rate_percent) > 0;

/** What the line bills, for the accounting system's description: the work, the hours and the rate behind the amount (a milestone or retainer fee: its description). */
export function lineText(i: InvoiceWithLinesDto, l: Line): string {
  if (l.kind === 'milestone' || l.kind === 'retainer') return l.description;
  const fx = l.rate_currency === i.currency ? '' : ` at ${l.exchange_rate} ${i.currency}/${l.rate_currency}`;
  return `${l.description}: ${l.hours} h × ${l.hourly_rate} ${l.rate_currency}/h${fx}`;
}

function xeroRow(i: InvoiceWithLinesDto, l: Line, tax: string, o: Options, due: string): Record<string, unknown> {
  return {
    '*ContactName': i.customer_name,
    '*InvoiceNumber': i.number,
    Reference: `Time ${i.period_from} to ${i.period_to}`,
    '*InvoiceDate': dmy(i.invoice_date),
    '*DueDate': dmy(due),
    '*Description': lineText(i, l),
    '*Quantity': '1',
    '*UnitAmount': l.amount,
    '*AccountCode': o.account_code ?? '200',
    '*TaxType': o.tax_type ?? (taxed(i) ? 'Tax on Sales' : 'Tax Exempt'),
    TaxAmount: tax,
    Currency: i.currency,
  };
}

function quickbooksRow(i: InvoiceWithLinesDto, l: Line, tax: string, o: Options, due: string, days: number): Record<string, unknown> {
  return {
    InvoiceNo: i.number,
    Customer: i.customer_name,
    InvoiceDate: mdy(i.invoice_date),
    DueDate: mdy(due),
    Terms: days === 0 ? 'Due on receipt' : `Net ${days}`,
    Memo: i.notes ?? `Time ${i.period_from} to ${i.period_to}`,
    'Item(Product/Service)': 'Services',
    ItemDescription: lineText(i, l),
    ItemQuantity: '1',
    ItemRate: l.amount,
    ItemAmount: l.amount,
    ItemTaxCode: o.tax_type ?? (taxed(i) ? 'TAX' : 'NON'),
    ItemTaxAmount: tax,
    Currency: i.currency,
    'Service Date': mdy(i.period_to),
  };
}

function genericRow(i: InvoiceWithLinesDto, l: Line, tax: string, due: string): Record<string, unknown> {
  return {
    invoice_id: i.id, invoice_number: i.number, status: i.status, customer_name: i.customer_name, account_id: i.account_id, deal_id: i.deal_id,
    invoice_date: i.invoice_date, due_date: due, period_from: i.period_from, period_to: i.period_to, currency: i.currency,
    line_position: l.position, line_description: l.description, deal_id_of_line: l.deal_id, user_id: l.user_id, hours: l.hours, hourly_rate: l.hourly_rate,
    rate_currency: l.rate_currency, exchange_rate: l.exchange_rate, exchange_rate_date: l.exchange_rate_date, line_amount: l.amount,
    tax_rate_percent: i.tax_rate_percent, line_tax_amount: tax, invoice_subtotal: i.subtotal, invoice_tax_amount: i.tax_amount, invoice_total: i.total,
    issued_at: i.issued_at, paid_at: i.paid_at,
  };
}

/** One row per invoice line in the format's columns; the line taxes add up to the invoice's tax. */
export function accountingRows(format: AccountingExportFormat, invoice: InvoiceWithLinesDto, options: Options): Record<string, unknown>[] {
  const days = options.due_days ?? DEFAULT_DUE_DAYS;
  const due = dueDateOf(invoice.invoice_date, days);
  const taxes = lineTaxes(invoice.lines.map((l) => l.amount), invoice.tax_amount);
  return invoice.lines.map((l, n) => {
    if (format === 'xero') return xeroRow(invoice, l, taxes[n], options, due);
    if (format === 'quickbooks') return quickbooksRow(invoice, l, taxes[n], options, due, days);
    return genericRow(invoice, l, taxes[n], due);
  });
}

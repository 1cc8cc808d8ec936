import { newPdfDocument } from '@clockwork/server-core';
import type { InvoiceWithLinesDto } from '@clockwork/shared-dto';

const MARGIN = 50;
/** "0.9215000000" -> "0.9215" (exact, for display). */
const trimZeros = (d: string) => (d.includes('.') ? d.replace(/\.?0+$/, '') : d);
const ROW = 16;
/** Description, hours, rate, exchange rate, amount: x offsets and widths. */
const COLUMNS = [
  { header: 'Description', width: 215, align: 'left' as const },
  { header: 'Hours', width: 50, align: 'right' as const },
  { header: 'Rate', width: 80, align: 'right' as const },
  { header: 'Exch. rate', width: 70, align: 'right' as const },
  { header: 'Amount', width: 80, align: 'right' as const },
];

function row(doc: PDFKit.PDFDocument, cells: string[], bold = false): void {
  if (doc.y + ROW > doc.page.height - MARGIN) doc.addPage();
  const y = doc.y;
  let x = MARGIN;
  doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
  COLUMNS.forEach((c, i) => {
    doc.text(cells[i] ?? '', x, y, { width: c.width - 4, align: c.align, lineBreak: false, ellipsis: true });
    x += c.width;
  });
  doc.y = y + ROW;
}

function summary(doc: PDFKit.PDFDocument, label: string, value: string, bold = false): void {
  row(doc, ['', '', '', label, value], bold);
}

/**
 * The invoice as a PDF (pdfkit): number, dates, customer, the lines table, subtotal, tax, total
 * in the invoice currency, and the exchange rates used with their dates.
 */
export function renderInvoicePdf(invoice: InvoiceWithLinesDto): Promise<Buffer> {
  const doc = newPdfDocument({ size: 'A4', margin: MARGIN, info: { Title: `Invoice ${invoice.number ?? '(draft)'}` } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.font('Helvetica-Bold').fontSize(18).text(invoice.number ? `Invoice ${invoice.number}` : 'Draft invoice');
  doc.moveDown(0.5).font('Helvetica').fontSize(10);
  doc.text(`Customer: ${invoice.customer_name}`);
  doc.text(`Invoice date: ${invoice.invoice_date}`);
  doc.text(`Period: ${invoice.period_from} to ${invoice.period_to}`);
  doc.text(`Status: ${invoice.status}${invoice.issued_at ? ` (issued ${invoice.issued_at.slice(0, 10)})` : ''}`);
  doc.text(`Currency: ${invoice.currency}`);
  doc.moveDown();

  row(doc, COLUMNS.map((c) => c.header), true);
  doc.moveTo(MARGIN, doc.y - 4).lineTo(MARGIN + COLUMNS.reduce((s, c) => s + c.width, 0), doc.y - 4).stroke('#999999');
  for (const l of invoice.lines) {
    const fx = l.rate_currency === invoice.currency ? '' : trimZeros(l.exchange_rate);
    row(doc, [l.description, l.hours, `${l.hourly_rate} ${l.rate_currency}`, fx, l.amount]);
  }
  doc.moveDown(0.5);
  summary(doc, 'Subtotal', `${invoice.subtotal} ${invoice.currency}`);
  summary(doc, `Tax ${invoice.tax_rate_percent}%`, `${invoice.tax_amount} ${invoice.currency}`);
  summary(doc, 'Total', `${invoice.total} ${invoice.currency}`, true);

  doc.moveDown();
  doc.x = MARGIN;
  doc.font('Helvetica').fontSize(9);
  if (invoice.exchange_rates.length === 0) doc.text(`All amounts in ${invoice.currency}; no currency conversion.`);
  for (const x of invoice.exchange_rates) {
    doc.text(`Exchange rate used: 1 ${x.base_currency} = ${trimZeros(x.rate)} ${x.quote_currency} (stored rate of ${x.rate_date})`);
  }
  if (invoice.notes) doc.moveDown().text(invoice.notes);
  doc.end();
  return done;
}

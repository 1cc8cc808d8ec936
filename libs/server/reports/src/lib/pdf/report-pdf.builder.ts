import { newPdfDocument } from '@clockwork/server-core';
import type { ReportTable } from '../report-tables.builder';
import { drawBarChart, topBars } from './bar-chart.builder';

const MARGIN = 40;
const ROW = 14;

const cellText = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  return String(value);
};

/** Column widths: identifiers narrow (shortened), names wide, figures even. */
function widths(table: ReportTable, total: number): number[] {
  const weight = (key: string) => (key.endsWith('_id') ? 0.8 : key.endsWith('_name') || key === 'stage' ? 1.6 : 1);
  const sum = table.columns.reduce((s, c) => s + weight(c.key), 0);
  return table.columns.map((c) => (weight(c.key) / sum) * total);
}

function drawHeader(doc: PDFKit.PDFDocument, table: ReportTable, cols: number[]): void {
  let x = MARGIN;
  const y = doc.y;
  doc.font('Helvetica-Bold').fontSize(7).fillColor('#111111');
  table.columns.forEach((c, i) => {
    doc.text(c.header, x + 2, y, { width: cols[i] - 4, align: c.numeric ? 'right' : 'left', lineBreak: false, ellipsis: true });
    x += cols[i];
  });
  doc.moveTo(MARGIN, y + ROW - 3).lineTo(MARGIN + cols.reduce((a, b) => a + b, 0), y + ROW - 3).stroke('#999999');
  doc.font('Helvetica');
  doc.y = y + ROW;
}

function drawTable(doc: PDFKit.PDFDocument, table: ReportTable): void {
  const cols = widths(table, doc.page.width - 2 * MARGIN);
  drawHeader(doc, table, cols);
  for (const row of table.rows) {
    if (doc.y + ROW > doc.page.height - MARGIN) {
      doc.addPage();
      drawHeader(doc, table, cols);
    }
    let x = MARGIN;
    const y = doc.y;
    doc.fontSize(7).fillColor('#222222');
    table.columns.forEach((c, i) => {
      const raw = cellText(row[c.key]);
      const text = c.key.endsWith('_id') && raw.length > 8 ? raw.slice(0, 8) : raw;
      doc.text(text, x + 2, y, { width: cols[i] - 4, align: c.numeric ? 'right' : 'left', lineBreak: false, ellipsis: true });
      x += cols[i];
    });
    doc.y = y + ROW;
  }
  if (table.rows.length === 0) doc.fontSize(8).fillColor('#666666').text('No data in this range', MARGIN, doc.y);
}

function filterLines(table: ReportTable): string[] {
  const f = table.filters;
  const range = `${f.date_from ?? 'the beginning'} to ${f.date_to ?? 'now'} (the end day excluded, UTC)`;
  const given = Object.entries(f)
    .filter(([k, v]) => v !== null && k !== 'date_from' && k !== 'date_to')
    .map(([k, v]) => `${k}: ${v}`);
  return [`Range: ${range}`, given.length ? `Filters: ${given.join(', ')}` : 'Filters: none'];
}

/**
 * The PDF of a report (pdfkit): title, filters, the table, the totals and a bar chart drawn
 * with vector primitives. `compress: false` keeps the text readable in the raw file too.
 */
export function reportPdf(table: ReportTable, generatedAt = new Date()): PDFKit.PDFDocument {
  const doc = newPdfDocument({ size: 'A4', layout: 'landscape', margin: MARGIN, compress: false, info: { Title: table.title, Creator: 'Clockwork CRM' } });
  doc.font('Helvetica-Bold').fontSize(18).fillColor('#111111').text(table.title, MARGIN, MARGIN);
  doc.font('Helvetica').fontSize(9).fillColor('#444444');
  for (const line of [...filterLines(table), `Generated ${generatedAt.toISOString()}`]) doc.text(line);
  doc.moveDown(0.8);
  drawTable(doc, table);
  doc.moveDown(0.8);
  doc.font('Helvetica-Bold').fontSize(10).fillColor('#111111').text('Totals', MARGIN, doc.y);
  doc.font('Helvetica').fontSize(9);
  for (const total of table.totals) doc.text(`${total.label}: ${total.value}`, MARGIN);
  doc.moveDown(1);
  const bars = topBars(table.rows.map((row) => ({ label: table.chart.label(row), value: table.chart.value(row) })));
  drawBarChart(doc, table.chart.title, bars, (v) => (Number.isInteger(v) ? String(v) : v.toFixed(2)));
  return doc;
}

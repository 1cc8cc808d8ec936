/// <reference types="pdfkit" />
export interface Bar {
  label: string;
  value: number;
}

const BAR = 14;
const GAP = 6;
const LABEL_WIDTH = 150;
const VALUE_WIDTH = 70;

/** The largest bars first, at most `limit` of them (the table has every row). */
export function topBars(bars: Bar[], limit = 15): Bar[] {
  return [...bars].filter((b) => Number.isFinite(b.value) && b.value > 0).sort((a, b) => b.value - a.value || a.label.localeCompare(b.label)).slice(0, limit);
}

/**
 * A horizontal bar chart at the current position: one labelled bar per item, scaled to the
 * largest value, with the value printed after each bar.
 */
export function drawBarChart(doc: PDFKit.PDFDocument, title: string, bars: Bar[], format: (value: number) => string): void {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const height = 24 + bars.length * (BAR + GAP);
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
  let y = doc.y;
  doc.fontSize(12).fillColor('#111111').text(title, left, y);
  y += 20;
  if (bars.length === 0) {
    doc.fontSize(9).fillColor('#666666').text('Nothing to chart', left, y);
    doc.y = y + BAR + GAP;
    return;
  }
  const max = Math.max(...bars.map((b) => b.value));
  const barSpace = width - LABEL_WIDTH - VALUE_WIDTH;
  const axisX = left + LABEL_WIDTH;
  bars.forEach((bar, i) => {
    const top = y + i * (BAR + GAP);
    const length = Math.max(1, (bar.value / max) * barSpace);
    doc.fontSize(8).fillColor('#333333').text(bar.label, left, top + 3, { width: LABEL_WIDTH - 8, ellipsis: true, lineBreak: false });
    doc.rect(axisX, top, length, BAR).fill(i % 2 === 0 ? '#3b82f6' : '#60a5fa');
    doc.fontSize(8).fillColor('#333333').text(format(bar.value), axisX + length + 4, top + 3, { width: VALUE_WIDTH - 4, lineBreak: false });
  });
  const bottom = y + bars.length * (BAR + GAP);
  doc.moveTo(axisX, y - 2).lineTo(axisX, bottom).stroke('#999999');
  doc.y = bottom + GAP;
}

/**
 * A new pdfkit document, pdfkit (and its fonts, about 20 MB of memory) loaded on the first one:
 * a process that renders no invoice or report PDF does not pay for it.
 */
export function newPdfDocument(options: PDFKit.PDFDocumentOptions): PDFKit.PDFDocument {
  const PDFDocument = require('pdfkit') as typeof import('pdfkit');
  return new PDFDocument(options);
}

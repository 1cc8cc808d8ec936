import { sendCsv } from '@clockwork/server-core';
import type { ReportFormat } from '@clockwork/shared-dto';
import type { Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { reportPdf } from './pdf/report-pdf.builder';
import type { ReportTable } from './report-tables.builder';

/**
 * A report's answer in the asked format: the JSON body, or the rows streamed as CSV
 * (csv-stringify, one column per figure, snake_case headers), or a PDF document.
 */
export async function sendReport<R>(format: ReportFormat | undefined, res: Response, report: R, toTable: (report: R) => ReportTable): Promise<R | undefined> {
  if (!format || format === 'json') return report;
  const table = toTable(report);
  if (format === 'csv') {
    await sendCsv(
      res,
      `${table.fileName}.csv`,
      table.columns.map((c) => c.key),
      (async function* () {
        yield table.rows;
      })(),
    );
    return undefined;
  }
  res.status(200);
  res.setHeader('Content-Type', 'application/pdf');
  res.setHeader('Content-Disposition', `attachment; filename="${table.fileName}.pdf"`);
  const doc = reportPdf(table);
  const sent = pipeline(doc, res);
  doc.end();
  await sent;
  return undefined;
}

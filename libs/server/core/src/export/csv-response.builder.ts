import type { Response } from 'express';
import { stringify } from 'csv-stringify';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { allPages } from '../pagination/keyset.builder';

const cell = (value: unknown): string | number | boolean | null => {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.join(';');
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return value as string | number | boolean;
};

/**
 * Streams rows as CSV (csv-stringify; RFC 4180 quoting) with the given columns in order.
 * Arrays become `a;b`, objects JSON. Spreadsheet formula triggers (=, +, -, @ at the start of
 * a text cell) are prefixed with an apostrophe so an export cannot run code in Excel.
 */
export async function sendCsv(res: Response, fileName: string, columns: string[], pages: AsyncIterable<Record<string, unknown>[]>): Promise<void> {
  res.status(200);
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${fileName.replace(/[^\w.-]/g, '_')}"`);
  await pipeline(csvStream(columns, pages), res);
}

/** The CSV bytes of sendCsv as a stream (for files built elsewhere than in a response, e.g. report exports). */
export function csvStream(columns: string[], pages: AsyncIterable<Record<string, unknown>[]>): Readable {
  const rows = Readable.from(
    (async function* () {
      for await (const page of pages) {
        for (const row of page) yield columns.map((c) => neutralize(cell(row[c])));
      }
    })(),
  );
  const csv = stringify({ header: true, columns });
  rows.on('error', (e) => csv.destroy(e));
  return rows.pipe(csv);
}

function neutralize(value: string | number | boolean | null): string | number | boolean | null {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

interface PageLike<D> {
  data: D[];
  next_cursor: string | null;
}

/** Columns a CSV export adds after its fixed ones (e.g. a column per custom field), with each row's cells for them. */
export interface CsvExtraColumns<D> {
  columns: string[];
  cells: (row: D) => Record<string, unknown>;
}

/**
 * A list endpoint's answer: the JSON page, or with `?format=csv` the whole filtered list as a
 * CSV download (fetched page by page through the same query, so filters and scoping match).
 * `extra` (read once, only for a CSV) appends columns computed per row.
 */
export async function listOrCsv<Q extends { format?: 'json' | 'csv'; cursor?: string; limit?: number }, D>(
  query: Q,
  res: Response,
  csv: { fileName: string; columns: readonly string[]; extra?: () => Promise<CsvExtraColumns<D>> },
  list: (query: Q) => Promise<PageLike<D>>,
): Promise<PageLike<D> | undefined> {
  if (query.format !== 'csv') return list(query);
  // The first page is read before anything is sent: a refused query (bad filter, sort, id) is
  // still answered with its 4xx, not with a CSV download cut off mid-way.
  const first = await list({ ...query, cursor: undefined, limit: 200 });
  const extra = csv.extra ? await csv.extra() : undefined;
  const widen = (page: D[]): D[] => (extra ? page.map((row) => ({ ...row, ...extra.cells(row) })) : page);
  const pages = (async function* () {
    yield widen(first.data);
    if (first.next_cursor) for await (const page of allPages((cursor) => list({ ...query, cursor: cursor ?? (first.next_cursor as string), limit: 200 }))) yield widen(page);
  })();
  await sendCsv(res, csv.fileName, [...csv.columns, ...(extra?.columns ?? [])], pages as AsyncIterable<Record<string, unknown>[]>);
  return undefined;
}

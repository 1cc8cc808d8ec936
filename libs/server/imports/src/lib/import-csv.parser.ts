import { CsvError, parse, Parser } from 'csv-parse';
import { pipeline, Readable } from 'node:stream';

/** A CSV record: trimmed header -> cell (missing cells of a short row are absent). */
export type CsvRecord = Record<string, string | undefined>;

/** The largest single record read (a runaway quote would otherwise swallow the whole file). */
const MAX_RECORD_BYTES = 1024 * 1024;

/**
 * A streaming csv-parse parser over the given bytes: the first line names the columns (trimmed),
 * a byte-order mark is skipped, rows with fewer or more cells than headers are read anyway,
 * blank lines are skipped, stray quotes inside unquoted cells are kept as text. Multi-byte
 * characters split across chunks are fine (csv-parse decodes after joining). `onHeaders` sees
 * the header row once it is read.
 */
export function openCsv(source: AsyncIterable<Buffer> | Readable, onHeaders?: (headers: string[]) => void): Parser {
  const parser = parse({
    bom: true,
    columns: (header: unknown[]) => {
      const headers = header.map((h) => String(h ?? '').trim());
      onHeaders?.(headers);
      return headers;
    },
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    max_record_size: MAX_RECORD_BYTES,
  });
  const input = source instanceof Readable ? source : Readable.from(source, { objectMode: false });
  // pipeline() destroys the parser when the source fails, so a reader of the parser sees the error.
  pipeline(input, parser, () => undefined);
  return parser;
}

/** The header row and the first `limit` records of a CSV (reads no further than it needs). */
export async function readHead(source: AsyncIterable<Buffer> | Readable, limit: number): Promise<{ headers: string[] | null; records: CsvRecord[] }> {
  let headers: string[] | null = null;
  const records: CsvRecord[] = [];
  const parser = openCsv(source, (h) => (headers = h));
  try {
    if (limit > 0) {
      for await (const record of parser) {
        records.push(record as CsvRecord);
        if (records.length >= limit) break;
      }
    } else {
      // Only the header is wanted: stop at the first record (or the end of a header-only file).
      for await (const _ of parser) break;
    }
  } finally {
    parser.destroy();
  }
  return { headers, records };
}

/** Counts the records of a CSV (a quick pass before the import, for progress). */
export async function countRecords(source: AsyncIterable<Buffer> | Readable): Promise<number> {
  let count = 0;
  for await (const _ of openCsv(source)) count++;
  return count;
}

export const isCsvError = (e: unknown): e is CsvError => e instanceof CsvError;

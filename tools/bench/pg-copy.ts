// `COPY ... FROM STDIN` through the pg driver alone (no pg-copy-streams): a Submittable that
// answers the server's CopyInResponse with the given text chunks, then CopyDone.
import type { PoolClient } from 'pg';

interface CopyConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
}

const ignore = (): void => undefined;

class CopyFromStdin {
  rowCount = 0;
  private error: Error | undefined;
  readonly done: Promise<number>;
  private settle!: { resolve: (n: number) => void; reject: (e: Error) => void };

  constructor(
    private readonly text: string,
    private readonly chunks: Buffer[],
  ) {
    this.done = new Promise((resolve, reject) => (this.settle = { resolve, reject }));
  }

  submit(connection: CopyConnection): void {
    connection.query(this.text);
  }

  handleCopyInResponse(connection: CopyConnection): void {
    for (const chunk of this.chunks) connection.sendCopyFromChunk(chunk);
    connection.endCopyFrom();
  }

  handleCommandComplete(msg: { text: string }): void {
    this.rowCount = Number(/(\d+)$/.exec(msg.text)?.[1] ?? 0);
  }

  handleError(err: Error): void {
    this.error = err;
  }

  handleReadyForQuery(): void {
    if (this.error) this.settle.reject(this.error);
    else this.settle.resolve(this.rowCount);
  }

  // Messages a COPY FROM does not produce; present because the driver may call them.
  handleRowDescription = ignore;
  handleDataRow = ignore;
  handleEmptyQuery = ignore;
  handleCopyData = ignore;
  handlePortalSuspended = ignore;
}

/** One value of COPY's text format (\N is NULL; backslash, tab and newlines escaped). */
export function copyValue(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  const text = Array.isArray(value) ? `{${value.map((v) => `"${String(v).replace(/["\\]/g, '\\$&')}"`).join(',')}}` : String(value);
  return text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

/** COPY rows (arrays in `columns` order) into `table`; returns the rows the server stored. */
export async function copyRows(client: PoolClient, table: string, columns: string[], rows: unknown[][]): Promise<number> {
  const lines = rows.map((row) => row.map(copyValue).join('\t') + '\n');
  const chunks: Buffer[] = [];
  for (let i = 0; i < lines.length; i += 1000) chunks.push(Buffer.from(lines.slice(i, i + 1000).join('')));
  const copy = new CopyFromStdin(`COPY ${table} (${columns.join(', ')}) FROM STDIN`, chunks);
  (client as unknown as { query(s: CopyFromStdin): void }).query(copy);
  return copy.done;
}

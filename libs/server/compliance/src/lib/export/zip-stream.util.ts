import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';

/**
 * A zip archive written as a stream (fflate): JSON files deflated, other files stored as they
 * are (usually compressed already), one after the other, so a large export never sits in
 * memory whole. Read `output` while adding; call `end()` after the last file.
 */
export class ZipStream {
  readonly output = new PassThrough();
  private readonly zip = new Zip((error, chunk, final) => {
    if (error) {
      this.output.destroy(error);
      return;
    }
    this.output.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    if (final) this.output.end();
  });

  addJson(name: string, value: unknown): void {
    const file = new ZipDeflate(name, { level: 6 });
    this.zip.add(file);
    file.push(Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8'), true);
  }

  /** Copies a stream into the archive, waiting while the reader is behind. */
  async addStream(name: string, source: Readable): Promise<void> {
    const file = new ZipPassThrough(name);
    this.zip.add(file);
    for await (const chunk of source) {
      file.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
      if (this.output.writableNeedDrain) await Promise.race([once(this.output, 'drain'), once(this.output, 'close')]);
      if (this.output.destroyed) throw new Error('The export was abandoned by its reader');
    }
    file.push(new Uint8Array(0), true);
  }

  end(): void {
    this.zip.end();
  }

  /** Ends the archive with an error (the reader sees a failed stream, not a truncated success). */
  fail(error: Error): void {
    this.output.destroy(error);
  }
}

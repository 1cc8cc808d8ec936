import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * The text of a PDF (pdfkit compresses its content streams), extracted by pdf-parse v2 in a
 * child Node process: inside Jest's VM its pdfjs worker setup fails (dynamic import without
 * --experimental-vm-modules); plain Node works. Used by the api and the browser e2e tests.
 */
export function pdfText(pdf: Buffer): string {
  const script = `const { PDFParse } = require('pdf-parse');
    const chunks = []; process.stdin.on('data', (c) => chunks.push(c));
    process.stdin.on('end', async () => {
      const parser = new PDFParse({ data: new Uint8Array(Buffer.concat(chunks)) });
      process.stdout.write((await parser.getText()).text);
      await parser.destroy();
    });`;
  return execFileSync(process.execPath, ['-e', script], { input: pdf, cwd: join(__dirname, '../..'), maxBuffer: 32 * 1024 * 1024 }).toString('utf8');
}

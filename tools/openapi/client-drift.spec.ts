import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { exportOpenApiDocument } from './export-document';
import { DOCUMENT, GENERATED, generateClient } from './generate-client';

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(listFiles(dir).map((f) => [relative(dir, f), readFileSync(f, 'utf8')]));
}

describe('generated API client', () => {
  const work = mkdtempSync(join(tmpdir(), 'clockwork-openapi-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('matches the running code: the committed OpenAPI document is current (run `npm run openapi`)', async () => {
    const fresh = join(work, 'openapi.json');
    await exportOpenApiDocument(fresh);
    expect(JSON.parse(readFileSync(fresh, 'utf8'))).toEqual(JSON.parse(readFileSync(DOCUMENT, 'utf8')));
  }, 60_000);

  it('matches the document: the committed client is what the generator makes of it (run `npm run openapi`)', () => {
    const out = join(work, 'generated');
    generateClient(DOCUMENT, out);
    expect(snapshot(GENERATED)).toEqual(snapshot(out));
  }, 60_000);
});

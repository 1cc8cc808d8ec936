// @vitest-environment node
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';

const LIMIT_BYTES = 250 * 1024;
const appRoot = resolve(__dirname, '..');
const outDir = mkdtempSync(join(tmpdir(), 'ck-web-size-'));

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

describe('initial JavaScript', () => {
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('stays within 250 KB gzip: the entry and what it imports statically; pages load on demand', async () => {
    await build({ configFile: resolve(appRoot, 'vite.config.mts'), logLevel: 'silent', build: { outDir, emptyOutDir: true, manifest: true, sourcemap: false } });
    const manifest: Record<string, ManifestChunk> = JSON.parse(readFileSync(join(outDir, '.vite/manifest.json'), 'utf8'));
    const entry = Object.keys(manifest).find((key) => manifest[key].isEntry);
    expect(entry).toBeDefined();

    const initial = new Set<string>();
    const visit = (key: string) => {
      if (initial.has(key)) return;
      initial.add(key);
      manifest[key].imports?.forEach(visit);
    };
    visit(entry as string);
    const gzipBytes = [...initial].reduce((sum, key) => sum + gzipSync(readFileSync(join(outDir, manifest[key].file))).length, 0);

    expect(gzipBytes).toBeLessThanOrEqual(LIMIT_BYTES);
    // Route-level splitting is in place: the pages are separate chunks, not in the initial set.
    const lazyPages = manifest[entry as string].dynamicImports ?? [];
    expect(lazyPages.some((p) => p.includes('DealsBoardPage'))).toBe(true);
    expect([...initial].some((k) => k.includes('DealsBoardPage') || k.includes('TimePerDealChart'))).toBe(false);
  }, 120_000);
});

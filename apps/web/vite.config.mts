/// <reference types="vitest/config" />
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig, type Alias, type ProxyOptions } from 'vite';

const appRoot = dirname(fileURLToPath(import.meta.url));
const workspaceRoot = resolve(appRoot, '../..');

/** The `paths` of tsconfig.base.json as exact-match aliases (e.g. @clockwork/api-client). */
function workspaceAliases(): Alias[] {
  const tsconfig = JSON.parse(readFileSync(resolve(workspaceRoot, 'tsconfig.base.json'), 'utf8'));
  const paths: Record<string, string[]> = tsconfig.compilerOptions?.paths ?? {};
  return Object.entries(paths).map(([name, [target]]) => ({
    find: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`),
    replacement: resolve(workspaceRoot, target),
  }));
}

const webPort = Number(process.env.WEB_PORT || 4200);
// Loopback by default; `--host 0.0.0.0` on the command line serves other machines (containers).
const host = '127.0.0.1';
const apiOrigin = process.env.API_URL || `http://127.0.0.1:${process.env.PORT || 3000}`;
// The app calls relative /api/... URLs; dev server and preview forward them to the API.
const proxy: Record<string, ProxyOptions> = { '/api': { target: apiOrigin, changeOrigin: true } };

export default defineConfig({
  root: appRoot,
  cacheDir: resolve(workspaceRoot, 'node_modules/.vite/apps/web'),
  plugins: [react(), tailwindcss()],
  resolve: { alias: workspaceAliases() },
  server: { host, port: webPort, strictPort: true, proxy },
  preview: { host, port: webPort, strictPort: true, proxy },
  build: {
    outDir: resolve(workspaceRoot, 'dist/apps/web'),
    emptyOutDir: true,
    reportCompressedSize: true,
    sourcemap: true,
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.spec.{ts,tsx}'],
    setupFiles: ['src/test-setup.ts'],
    // Component tests render whole pages in jsdom; vitest's 5 s default failed on a loaded
    // two-core machine, not on a slow component (Testing Library's waits keep their own limits).
    testTimeout: 30_000,
    // Vitest's default in run mode is one fork fewer than the CPUs (one on CI's two cores), which
    // left a core idle for most of the unit step: the main process only collects results.
    maxWorkers: availableParallelism(),
    // One jsdom and one module graph per worker, not per file: loading React, the app and jsdom
    // again for each of some 80 files took 150 s of the run's 153 s on two workers; shared, 32 s.
    // Each test still starts clean: Testing Library unmounts, the session and localStorage are
    // cleared (src/test-setup.ts), and spies and stubbed globals are restored before every test.
    isolate: false,
    restoreMocks: true,
    unstubGlobals: true,
  },
});

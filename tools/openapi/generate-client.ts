// `npm run openapi`: writes the OpenAPI document (no database needed) and regenerates
// libs/api-client from it. The drift test (client-drift.spec.ts) fails when either is stale.
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { exportOpenApiDocument } from './export-document';

export const ROOT = join(__dirname, '../..');
export const DOCUMENT = join(ROOT, 'libs/api-client/openapi.json');
export const GENERATED = join(ROOT, 'libs/api-client/src/generated');

/** Runs @hey-api/openapi-ts with the committed config; input/output can be redirected. */
export function generateClient(input = DOCUMENT, output = GENERATED): void {
  execFileSync(process.execPath, [join(dirname(require.resolve('@hey-api/openapi-ts/package.json')), 'bin/run.js'), '-f', 'libs/api-client/openapi-ts.config.mjs'], {
    cwd: ROOT,
    env: { ...process.env, OPENAPI_TS_INPUT: input, OPENAPI_TS_OUTPUT: output },
    stdio: 'pipe',
  });
}

if (require.main === module) {
  exportOpenApiDocument(DOCUMENT)
    .then(() => generateClient())
    .then(() => console.log(`OpenAPI document and client regenerated in libs/api-client`))
    .catch((e: Error) => {
      console.error(e);
      process.exit(1);
    });
}

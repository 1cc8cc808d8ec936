// @hey-api/openapi-ts settings: `npm run openapi` regenerates src/generated from openapi.json.
// Output dir may be overridden (OPENAPI_TS_OUTPUT) so the drift test can generate elsewhere.
import { defineConfig } from '@hey-api/openapi-ts';

export default defineConfig({
  input: process.env.OPENAPI_TS_INPUT ?? 'libs/api-client/openapi.json',
  output: { path: process.env.OPENAPI_TS_OUTPUT ?? 'libs/api-client/src/generated', postProcess: [] },
  plugins: ['@hey-api/client-fetch', '@hey-api/typescript', { name: '@hey-api/sdk' }],
});

// `node -r ./tools/register.js file.ts` runs a TypeScript tool with the workspace's path
// aliases and decorator metadata (SWC, no type-check: `npm run typecheck` does that).
const path = require('node:path');
process.env.SWC_NODE_PROJECT ??= path.join(__dirname, 'tsconfig.json');
require('@swc-node/register');

// The worker as a process of its own (so a test can kill it with SIGKILL mid-delivery):
// node -r @swc-node/register -r tools/jest/register-paths.js worker-process.ts, env from the parent.
import 'reflect-metadata';
import { createWorkerApp } from './worker-app';

createWorkerApp().then(
  () => process.send?.('ready'),
  (e: Error) => {
    console.error(e);
    process.exit(1);
  },
);

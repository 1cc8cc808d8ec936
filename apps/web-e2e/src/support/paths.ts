import { resolve } from 'node:path';

export const workspaceRoot = resolve(__dirname, '../../../..');
export const screenshotDir = resolve(workspaceRoot, 'apps/web-e2e/screenshots');

// Server files are named `<name>.<role>.ts` with a role from the short list in
// docs/architecture.md ("Conventions"); file-roles.spec.ts fails on any other name.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');

/** The roles a server file may have (docs/architecture.md lists them with what each means). */
export const FILE_ROLES = [
  // Nest building blocks
  'module', 'controller', 'service', 'repository', 'processor', 'handler', 'relay', 'cleanup', 'schedule',
  'guard', 'middleware', 'interceptor', 'pipe', 'filter', 'decorators', 'strategy', 'subscriber',
  // what plain code does
  'mapper', 'writer', 'store', 'mailer', 'client', 'validator', 'parser', 'builder', 'policy', 'rules', 'cipher', 'registry', 'catalogue', 'source', 'storage',
  // what a file declares
  'config', 'types', 'fields', 'sql', 'errors', 'util', 'fixture', 'loader',
] as const;

/** Where the rule holds: the server libs and the api and worker apps. */
const SCOPES = ['libs/server', 'apps/api/src', 'apps/worker/src'];
/** Barrels and entry points carry no role. */
const EXEMPT = /(^|\/)(index|main)\.ts$/;

/** The role of a file name (`a-b.role.ts`, `a-b.role.spec.ts`), or null when it has none. */
export function roleOf(fileName: string): string | null {
  const parts = fileName.replace(/\.ts$/, '').replace(/\.spec$/, '').split('.');
  return parts.length >= 2 ? parts[parts.length - 1] : null;
}

/** The tracked server files (specs excepted) whose name has no role of the list. */
export function filesWithoutRole(files = trackedServerFiles()): string[] {
  const roles = new Set<string>(FILE_ROLES);
  return files.filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts') && !EXEMPT.test(f)).filter((f) => !roles.has(roleOf(f.split('/').pop() as string) ?? ''));
}

function trackedServerFiles(): string[] {
  return execFileSync('git', ['ls-files', '--', ...SCOPES], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);
}

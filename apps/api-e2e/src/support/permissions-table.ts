import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Role, ROLES } from '@clockwork/shared-dto';

export type Caller = 'anonymous' | Role | `api_key:${Role}`;

export interface RouteRule {
  method: string;
  path: string;
  anonymous: boolean;
  roles: Record<Role, boolean>;
  /** Roles allowed only on their own records (`own`): another user's record is a 404 and lists leave it out. */
  own: Record<Role, boolean>;
  /** false: API keys are refused whatever their role. */
  apiKeys: boolean;
}

const cell = (value: string, where: string): boolean => {
  if (value === '✓' || value === 'role' || value === 'own') return true;
  if (value === '✗' || value === '—') return false;
  throw new Error(`docs/permissions.md: unknown cell "${value}" in ${where}`);
};

/** Parses the matrix of docs/permissions.md into one rule per route. */
export function readPermissions(file = join(__dirname, '../../../../docs/permissions.md')): RouteRule[] {
  const rows = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => /^\| `(GET|POST|PUT|PATCH|DELETE) /.test(line));
  return rows.map((line) => {
    const cells = line.split('|').slice(1, -1).map((c) => c.trim());
    const [method, path] = cells[0].replace(/`/g, '').split(' ');
    const [anonymous, ...rest] = cells.slice(1);
    const where = `${method} ${path}`;
    const roles = Object.fromEntries(ROLES.map((r, i) => [r, cell(rest[i], where)])) as Record<Role, boolean>;
    const own = Object.fromEntries(ROLES.map((r, i) => [r, rest[i] === 'own'])) as Record<Role, boolean>;
    const keyCell = rest[ROLES.length];
    if (!['✓', 'role', '—', '✗'].includes(keyCell)) throw new Error(`docs/permissions.md: bad API key cell in ${where}`);
    return { method, path, anonymous: cell(anonymous, where), roles, own, apiKeys: keyCell !== '—' && keyCell !== '✗' };
  });
}

/** Whether the table allows this caller on this route. */
export function allows(rule: RouteRule, caller: Caller): boolean {
  if (rule.anonymous) return true;
  if (caller === 'anonymous') return false;
  if (caller.startsWith('api_key:')) return rule.apiKeys && rule.roles[caller.slice(8) as Role];
  return rule.roles[caller as Role];
}

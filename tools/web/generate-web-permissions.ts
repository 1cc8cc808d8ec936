// `npm run permissions:web`: writes apps/web/src/auth/permissions.generated.ts from the role
// matrix of docs/permissions.md, so the web app shows a section or an action to exactly the
// roles the api allows. The drift test (web-permissions-drift.spec.ts) fails when it is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '../..');
export const PERMISSIONS_DOC = join(ROOT, 'docs/permissions.md');
export const WEB_PERMISSIONS = join(ROOT, 'apps/web/src/auth/permissions.generated.ts');

/** The user columns of the matrix, in their order. */
const ROLES = ['admin', 'manager', 'sales', 'support'] as const;
type Role = (typeof ROLES)[number];

/**
 * Which route of the matrix decides each section of the web app (who sees it in the navigation
 * and may open it) and each action within a section. `full` leaves out roles that the route
 * allows on their own records only (`own`).
 */
export const WEB_SECTIONS: Record<string, string> = {
  dashboard: 'GET /api/v1/users/me',
  accounts: 'GET /api/v1/accounts',
  contacts: 'GET /api/v1/contacts',
  deals: 'GET /api/v1/deals',
  tasks: 'GET /api/v1/tasks',
  'time-entries': 'GET /api/v1/time-entries',
  reports: 'GET /api/v1/reports/time-per-deal',
  integrations: 'POST /api/v1/integrations',
  'sync-conflicts': 'GET /api/v1/sync/conflicts',
  settings: 'GET /api/v1/rates',
  'audit-log': 'GET /api/v1/audit-logs',
  privacy: 'POST /api/v1/gdpr/export',
  invoices: 'GET /api/v1/invoices',
  timesheet: 'POST /api/v1/timesheets/submit',
  approvals: 'POST /api/v1/timesheets/{id}/approve',
  'unmatched-emails': 'GET /api/v1/email-log/unmatched',
};

export const WEB_CAPABILITIES: Record<string, { route: string; full?: boolean; doc?: string }> = {
  'review-time': { route: 'GET /api/v1/time-entries/unmapped' },
  import: { route: 'POST /api/v1/imports' },
  'bulk-assign': { route: 'POST /api/v1/tasks/bulk-assign' },
  'bulk-edit': { route: 'POST /api/v1/bulk-edits' },
  'manage-users': { route: 'POST /api/v1/users/invitations' },
  'manage-api-keys': { route: 'POST /api/v1/api-keys' },
  'list-users': { route: 'GET /api/v1/users' },
  'audit-log': { route: 'GET /api/v1/audit-logs' },
  retention: { route: 'GET /api/v1/retention-policies' },
  sso: { route: 'PUT /api/v1/sso/config' },
  'manage-exchange-rates': { route: 'POST /api/v1/exchange-rates' },
  'reopen-timesheets': { route: 'POST /api/v1/timesheets/{id}/reopen' },
  'timesheet-settings': { route: 'PATCH /api/v1/organization/settings' },
  'organization-settings': { route: 'PATCH /api/v1/organization/settings', doc: "The organization's time zone (the months of retainers)." },
  'manage-milestones': { route: 'POST /api/v1/deals/{id}/milestones', doc: 'Add, change, reach and delete the milestones of fixed-fee deals.' },
  onboarding: { route: 'GET /api/v1/onboarding' },
  'demo-data': { route: 'POST /api/v1/demo-data' },
  'manage-budget-thresholds': { route: 'PUT /api/v1/budget-thresholds' },
  'win-probability': { route: 'GET /api/v1/insights/win-probabilities', doc: "Win probabilities and their factors on deal cards and pages (the organization's model)." },
  leakage: { route: 'GET /api/v1/insights/leakage', doc: 'The leakage report: time that will not be billed.' },
  'churn-risk': { route: 'GET /api/v1/insights/churn-risk', doc: 'Churn risk of accounts and its reasons (the reports page and the account page).' },
  'deal-health': { route: 'GET /api/v1/insights/deal-health', doc: 'Health signals of open deals (deal cards, the deal page and the dashboard\'s "at risk" panel).' },
  'mapping-suggestions': { route: 'GET /api/v1/insights/mapping-suggestions', doc: 'The suggested deal of each entry in the review queue, learned from past assignments.' },
  'rotate-inbound-address': { route: 'POST /api/v1/email-log/address/rotate' },
  'manage-pipelines': { route: 'POST /api/v1/pipelines' },
  'manage-custom-fields': { route: 'POST /api/v1/custom-fields' },
  'cost-and-margin': { route: 'GET /api/v1/reports/profitability', doc: 'Cost rates, cost and margin (the profitability report, deal and account margins).' },
  'all-time': {
    route: 'GET /api/v1/time-entries',
    full: true,
    doc: "Everyone's time entries with productivity scores; the others see only their own time.",
  },
};

/** The roles each route of the matrix allows: `full` those allowed on every record, `any` also those on their own. */
export function readRoleMatrix(markdown: string): Map<string, { any: Role[]; full: Role[] }> {
  const matrix = new Map<string, { any: Role[]; full: Role[] }>();
  for (const line of markdown.split('\n')) {
    if (!/^\| `(GET|POST|PUT|PATCH|DELETE) /.test(line)) continue;
    const cells = line.split('|').slice(1, -1).map((c) => c.trim());
    const route = cells[0].replace(/`/g, '');
    const roleCells = cells.slice(2, 2 + ROLES.length);
    for (const value of roleCells) if (!['✓', '✗', 'own'].includes(value)) throw new Error(`docs/permissions.md: unknown cell "${value}" in ${route}`);
    matrix.set(route, {
      any: ROLES.filter((_, i) => roleCells[i] !== '✗'),
      full: ROLES.filter((_, i) => roleCells[i] === '✓'),
    });
  }
  return matrix;
}

const list = (roles: Role[]) => `[${roles.map((r) => `'${r}'`).join(', ')}]`;
const key = (name: string) => (/^[a-z]+$/.test(name) ? name : `'${name}'`);

/** The generated module's text for a given docs/permissions.md. */
export function renderWebPermissions(markdown: string): string {
  const matrix = readRoleMatrix(markdown);
  const rolesOf = (route: string, full = false) => {
    const rule = matrix.get(route);
    if (!rule) throw new Error(`docs/permissions.md has no row for ${route} (named in tools/web/generate-web-permissions.ts)`);
    return full ? rule.full : rule.any;
  };
  const sectionNames = Object.keys(WEB_SECTIONS);
  const capabilityNames = Object.keys(WEB_CAPABILITIES);
  return [
    '// Generated by `npm run permissions:web` (tools/web/generate-web-permissions.ts) from the',
    '// role matrix of docs/permissions.md. Do not edit: change the doc and regenerate; the drift',
    '// test (tools/web/web-permissions-drift.spec.ts) fails while this file is stale.',
    '',
    '/** Sections of the app. */',
    `export type Section =\n${sectionNames.map((s) => `  | '${s}'`).join('\n')};`,
    '',
    '/** Who may open each section: the roles allowed on the route named beside it. */',
    "export const sectionRoles: Record<Section, readonly ('admin' | 'manager' | 'sales' | 'support')[]> = {",
    ...sectionNames.map((s) => `  ${key(s)}: ${list(rolesOf(WEB_SECTIONS[s]))}, // ${WEB_SECTIONS[s]}`),
    '};',
    '',
    '/** Actions within a section that not every role of that section may take. */',
    `export type Capability =\n${capabilityNames.map((c) => (WEB_CAPABILITIES[c].doc ? `  /** ${WEB_CAPABILITIES[c].doc} */\n  | '${c}'` : `  | '${c}'`)).join('\n')};`,
    '',
    '/** Who may take each action: the roles allowed on the route named beside it (`full`: not those limited to their own records). */',
    "export const capabilityRoles: Record<Capability, readonly ('admin' | 'manager' | 'sales' | 'support')[]> = {",
    ...capabilityNames.map((c) => {
      const { route, full } = WEB_CAPABILITIES[c];
      return `  ${key(c)}: ${list(rolesOf(route, full))}, // ${route}${full ? ' (full)' : ''}`;
    }),
    '};',
    '',
  ].join('\n');
}

if (require.main === module) {
  writeFileSync(WEB_PERMISSIONS, renderWebPermissions(readFileSync(PERMISSIONS_DOC, 'utf8')));
  console.log(`wrote ${WEB_PERMISSIONS}`);
}

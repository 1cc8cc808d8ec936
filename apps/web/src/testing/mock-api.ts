import type { DealDto, PipelineDto, UserDto } from '@clockwork/api-client';
import { vi } from 'vitest';
import { setupApiClient } from '../api/api-client';
import { sessionStore } from '../api/session';

export const API = 'http://api.test';

export interface Call {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Headers;
  body: unknown;
}

type Reply = { status?: number; body?: unknown; headers?: Record<string, string> };
export type Handler = Reply | ((call: Call, calls: Call[]) => Reply | Promise<Reply>);

function matches(pattern: string, path: string): boolean {
  const a = pattern.split('/');
  const b = path.split('/');
  return a.length === b.length && a.every((part, i) => part.startsWith(':') || part === b[i]);
}

async function bodyOf(request: Request): Promise<unknown> {
  const type = request.headers.get('Content-Type') ?? '';
  if (type.includes('multipart/form-data')) return Object.fromEntries((await request.formData()).entries());
  const text = await request.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Calls to routes no test set up, since the last `takeUnexpectedCalls()` (test-setup.ts fails the test on any). */
const unexpected: string[] = [];

/** The calls to routes the running test did not set up (and forgets them). */
export function takeUnexpectedCalls(): string[] {
  return unexpected.splice(0);
}

/**
 * The HTTP layer for component tests: the real generated client and auth fetch, with fetch
 * answered from `routes` ("GET /api/v1/deals/:id"). A call to a route the test did not set up
 * (only GET /api/v1/users/me has a default: the signed-in user) rejects, and the test fails
 * after it ends (test-setup.ts), so a page that calls a wrong URL cannot pass on an empty
 * answer. Every call is recorded.
 */
export function mockApi(routes: Record<string, Handler> = {}) {
  const calls: Call[] = [];
  unexpected.length = 0; // a previous test's late calls are not this one's
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const url = new URL(request.url);
    const call: Call = { method: request.method, path: url.pathname, query: Object.fromEntries(url.searchParams), headers: request.headers, body: await bodyOf(request) };
    calls.push(call);
    const key = Object.keys(routes).find((k) => {
      const [method, pattern] = k.split(' ');
      return method === call.method && matches(pattern, call.path);
    });
    const handler = key ? routes[key] : call.method === 'GET' && call.path === '/api/v1/users/me' ? { body: sessionStore.get()?.user } : undefined;
    if (!handler) {
      const route = `${call.method} ${call.path}${url.search}`;
      unexpected.push(route);
      throw new Error(`mockApi: the test did not set up ${route}`);
    }
    const reply: Reply = typeof handler === 'function' ? await handler(call, calls) : handler;
    const status = reply.status ?? 200;
    return new Response(status === 204 || reply.body === undefined ? null : JSON.stringify(reply.body), { status, headers: { 'Content-Type': 'application/json', ...reply.headers } });
  });
  setupApiClient(API, fetchMock as unknown as typeof fetch);
  return { calls, fetchMock, callsTo: (method: string, path: string) => calls.filter((c) => c.method === method && c.path === path) };
}

export function makeUser(role: UserDto['role'] = 'admin', overrides: Partial<UserDto> = {}): UserDto {
  return {
    id: `00000000-0000-4000-8000-0000000000${role === 'admin' ? '01' : role === 'manager' ? '02' : role === 'sales' ? '03' : '04'}`,
    organization_id: '00000000-0000-4000-8000-00000000a001',
    name: `Ada ${role[0].toUpperCase()}${role.slice(1)}`,
    email: `${role}@acme.test`,
    role,
    linked_employee_id: null,
    is_active: true,
    last_login_at: null,
    created_at: '2026-01-01T00:00:00.000Z',
    updated_at: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

/** A deal as the api returns it: a prospecting deal of 1,000 USD unless `overrides` say otherwise. */
/** A pipeline as `GET /pipelines` gives it: `stages` as [key, name, kind] in order (probability from the position). */
export function makePipeline(id: string, name: string, stages: [string, string, 'open' | 'won' | 'lost'][], isDefault = false): PipelineDto {
  return {
    id,
    name,
    is_default: isDefault,
    version: 1,
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    stages: stages.map(([key, stageName, kind], position) => ({ id: `${id}-${key}`, key, name: stageName, position, probability: kind === 'won' ? 1 : kind === 'lost' ? 0 : 0.1, kind, deal_count: 0 })),
  };
}

/** Every organization's default pipeline, with the six stages deals always had. */
export const DEFAULT_PIPELINE = makePipeline(
  'pipeline-default',
  'Sales',
  [
    ['prospecting', 'Prospecting', 'open'],
    ['qualification', 'Qualification', 'open'],
    ['proposal', 'Proposal', 'open'],
    ['negotiation', 'Negotiation', 'open'],
    ['won', 'Won', 'won'],
    ['lost', 'Lost', 'lost'],
  ],
  true,
);

export function makeDeal(overrides: Partial<DealDto> & Pick<DealDto, 'id' | 'name'>): DealDto {
  return {
    account_id: null,
    description: null,
    value: '1000',
    currency: 'USD',
    hours_budget: null,
    money_budget: null,
    budget_period: 'life',
    billing_model: 'hourly',
    retainer: null,
    pipeline_id: DEFAULT_PIPELINE.id,
    stage: 'prospecting',
    owner_id: null,
    start_date: null,
    end_date: null,
    closed_at: null,
    close_reason: null,
    metadata: {},
    custom_fields: {},
    version: 1,
    created_at: '2026-02-01T10:00:00Z',
    updated_at: '2026-02-01T10:00:00Z',
    ...overrides,
  };
}

/** Signs the browser in as `user` (what a previous login left in storage). */
export function signIn(user: UserDto = makeUser()): void {
  sessionStore.set({ access_token: 'access-1', refresh_token: 'refresh-1', user, organization: { id: user.organization_id, name: 'Acme Consulting', created_at: user.created_at } });
}

export const page = <T>(data: T[], next_cursor: string | null = null) => ({ body: { data, next_cursor } });

/**
 * What the signed-in shell asks on every page besides the page's own data: the bell's unread
 * count, the lookups that fill the pickers (users, deals, accounts) and, for admins and
 * managers, the unresolved sync conflicts of the nav badge; empty unless given.
 */
export function shellRoutes({ unread = 0, users = [], deals = [], accounts = [], conflicts = [] }: { unread?: number; users?: unknown[]; deals?: unknown[]; accounts?: unknown[]; conflicts?: unknown[] } = {}): Record<string, Handler> {
  return {
    'GET /api/v1/notifications/unread-count': { body: { unread } },
    'GET /api/v1/users': page(users),
    'GET /api/v1/deals': page(deals),
    'GET /api/v1/accounts': page(accounts),
    'GET /api/v1/sync/conflicts': page(conflicts),
    // Every list page reads its saved views; every record page its calls and meetings.
    'GET /api/v1/saved-views': { body: { data: [] } },
    'GET /api/v1/activities': page([]),
    // List filter bars and record pages read the organization's custom fields (none unless a test says).
    'GET /api/v1/custom-fields': { body: { data: [] } },
  };
}

/** Every step of the getting-started checklist, done (the dashboard then shows no checklist). */
export const ONBOARDING_DONE = {
  complete: true,
  dismissed: false,
  steps: ['connect_platform', 'first_time_entries', 'link_employees', 'first_mapping_rule', 'invite_team', 'set_rates'].map((id) => ({ id, done: true, link: '/' })),
};

/** The dashboard's reads (the page at /), all empty, with the shell's; an admin's checklist all done, no sample-data offer. */
export function dashboardRoutes(): Record<string, Handler> {
  return {
    ...shellRoutes(),
    'GET /api/v1/health': { body: { status: 'ok', db: 'up', redis: 'up' } },
    'GET /api/v1/tasks/mine': page([]),
    'GET /api/v1/time-entries': page([]),
    'GET /api/v1/time-entries/unmapped': page([]),
    'GET /api/v1/audit-logs': page([]),
    'GET /api/v1/onboarding': { body: ONBOARDING_DONE },
    'GET /api/v1/demo-data': { body: { status: 'not_empty' } },
    'GET /api/v1/deals/budgets': { body: { data: [] } },
    'GET /api/v1/insights/deal-health': page([]),
    'GET /api/v1/insights/churn-risk': page([]),
  };
}

/** The filters a report echoes when none were given. */
export const NO_REPORT_FILTERS = { date_from: null, date_to: null, group_by: null, deal_id: null, account_id: null, user_id: null, owner_id: null, stage: null };

/** The reports page's reads (the page at /reports), every report empty and no schedules; a spec overrides the ones it checks. */
export function reportsPageRoutes(): Record<string, Handler> {
  const filters = NO_REPORT_FILTERS;
  const figures = { entries: 0, seconds: 0, hours: 0, billable_seconds: 0, billable_hours: 0 };
  return {
    'GET /api/v1/report-schedules': { body: { data: [] } },
    'GET /api/v1/reports/pipeline': { body: { filters, rows: [], stage_times: [], totals: { count: 0, by_currency: [], won: 0, lost: 0, win_rate: null } } },
    'GET /api/v1/reports/time-per-deal': { body: { filters, rows: [], totals: figures } },
    'GET /api/v1/reports/time-per-client': { body: { filters, rows: [], totals: figures } },
    'GET /api/v1/reports/time-per-user': { body: { filters, rows: [], totals: figures } },
    'GET /api/v1/reports/revenue-vs-hours': { body: { filters, rows: [], totals: { ...figures, by_currency: [] } } },
    'GET /api/v1/reports/profitability': { body: { filters, group: 'deal', rows: [], totals: [] } },
    'GET /api/v1/reports/activities': { body: { group_by: 'type', rows: [], total_count: 0, total_duration_minutes: 0 } },
    'GET /api/v1/insights/leakage': { body: { filters, rows: [] } },
    'GET /api/v1/insights/churn-risk': { body: { data: [], next_cursor: null } },
  };
}

/** The reads of the settings "Rates" tab (hourly, cost and exchange rates, budget thresholds): the lists given, the others empty. */
export function ratesTabRoutes(lists: { rates?: unknown[]; costRates?: unknown[]; exchangeRates?: unknown[] } = {}): Record<string, Handler> {
  return {
    'GET /api/v1/rates': page(lists.rates ?? []),
    'GET /api/v1/exchange-rates': page(lists.exchangeRates ?? []),
    'GET /api/v1/cost-rates': page(lists.costRates ?? []),
    'GET /api/v1/budget-thresholds': { body: { thresholds: [50, 80, 100] } },
  };
}

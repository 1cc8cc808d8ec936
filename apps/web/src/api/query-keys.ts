/**
 * Every react-query key of the app, from one factory. Keys nest by section (`['deals', ...]`), so
 * invalidating `queryKeys.deals.all` refreshes the board, the lookups and every deal page at
 * once; the section's query module (`pages/<section>/<section>.queries.ts`) builds its queries
 * and invalidations from these and never writes a key by hand.
 */
type Filters = Record<string, string>;

export const queryKeys = {
  accounts: {
    all: ['accounts'] as const,
    list: (filters: Filters) => ['accounts', 'list', filters] as const,
    detail: (id: string) => ['accounts', 'detail', id] as const,
    lookup: ['accounts', 'lookup'] as const,
    search: ['accounts', 'search'] as const,
  },
  contacts: {
    all: ['contacts'] as const,
    list: (filters: Filters) => ['contacts', 'list', filters] as const,
    detail: (id: string) => ['contacts', 'detail', id] as const,
    byAccount: (accountId: string) => ['contacts', 'by-account', accountId] as const,
    search: ['contacts', 'search'] as const,
  },
  deals: {
    all: ['deals'] as const,
    board: (filters: Filters) => ['deals', 'board', filters] as const,
    detail: (id: string) => ['deals', 'detail', id] as const,
    byAccount: (accountId: string | null) => ['deals', 'by-account', accountId] as const,
    time: (id: string) => ['deals', 'time', id] as const,
    budget: (id: string) => ['deals', 'budget', id] as const,
    budgets: ['deals', 'budgets'] as const,
    retainerBalance: (id: string) => ['deals', 'retainer-balance', id] as const,
    milestones: (id: string) => ['deals', 'milestones', id] as const,
    lookup: ['deals', 'lookup'] as const,
    search: ['deals', 'search'] as const,
  },
  pipelines: {
    all: ['pipelines'] as const,
  },
  tasks: {
    all: ['tasks'] as const,
    list: (filters: Filters) => ['tasks', 'list', filters] as const,
    byDeal: (dealId: string) => ['tasks', 'by-deal', dealId] as const,
  },
  timeEntries: {
    all: ['time-entries'] as const,
    list: (filters: object) => ['time-entries', 'list', filters] as const,
    unmapped: (filters: object) => ['time-entries', 'unmapped', filters] as const,
    byDeal: (dealId: string) => ['time-entries', 'by-deal', dealId] as const,
    byAccount: (accountId: string) => ['time-entries', 'by-account', accountId] as const,
    unlinkedEmployees: ['time-entries', 'unlinked-employees'] as const,
  },
  mappingRules: {
    all: ['mapping-rules'] as const,
  },
  users: {
    all: ['users'] as const,
    lookup: ['users', 'lookup'] as const,
    settings: ['users', 'settings'] as const,
  },
  invitations: { all: ['invitations'] as const },
  notes: { of: (parentType: string, parentId: string) => ['notes', parentType, parentId] as const },
  attachments: { of: (parentType: string, parentId: string) => ['attachments', parentType, parentId] as const },
  activities: {
    all: ['activities'] as const,
    of: (parentType: string, parentId: string) => ['activities', parentType, parentId] as const,
  },
  bulkEdits: { detail: (id: string) => ['bulk-edits', id] as const },
  savedViews: {
    all: ['saved-views'] as const,
    of: (list: string) => ['saved-views', list] as const,
  },
  timeline: {
    all: ['timeline'] as const,
    of: (parentType: string, parentId: string) => ['timeline', parentType, parentId] as const,
  },
  apiKeys: { all: ['api-keys'] as const },
  rates: { all: ['rates'] as const },
  costRates: { all: ['cost-rates'] as const },
  budgetThresholds: { all: ['budget-thresholds'] as const },
  exchangeRates: { all: ['exchange-rates'] as const },
  invoices: {
    all: ['invoices'] as const,
    list: (filters: Filters) => ['invoices', 'list', filters] as const,
    detail: (id: string) => ['invoices', 'detail', id] as const,
  },
  retentionPolicies: { all: ['retention-policies'] as const },
  customFields: {
    all: ['custom-fields'] as const,
    of: (recordType: string, deleted = false) => ['custom-fields', recordType, deleted] as const,
  },
  ssoConfig: { all: ['sso-config'] as const },
  search: {
    all: ['search'] as const,
    results: (q: string) => ['search', 'results', q] as const,
  },
  onboarding: { all: ['onboarding'] as const },
  demoData: { all: ['demo-data'] as const },
  health: ['health'] as const,
  imports: { job: (id: string) => ['imports', id] as const },
  integrations: { all: ['integrations'] as const },
  accounting: {
    all: ['accounting'] as const,
    connection: (provider: string) => ['accounting', provider, 'connection'] as const,
    pushes: (provider: string) => ['accounting', provider, 'pushes'] as const,
  },
  notifications: {
    all: ['notifications'] as const,
    unread: ['notifications', 'unread'] as const,
    list: ['notifications', 'list'] as const,
  },
  reports: { all: ['reports'] as const, of: (kind: string, filters: object) => ['reports', kind, filters] as const },
  reportSchedules: { all: ['report-schedules'] as const },
  insights: {
    all: ['insights'] as const,
    probabilities: ['insights', 'win-probabilities'] as const,
    deal: (id: string) => ['insights', 'deal', id] as const,
    leakage: (filters: object) => ['insights', 'leakage', filters] as const,
    churn: (filters: object) => ['insights', 'churn-risk', filters] as const,
    health: (filters: object) => ['insights', 'deal-health', filters] as const,
    suggestionsAll: ['insights', 'mapping-suggestions'] as const,
    rulePrecision: ['insights', 'rule-precision'] as const,
    suggestedRules: ['insights', 'suggested-rules'] as const,
    suggestions: (ids: readonly string[]) => ['insights', 'mapping-suggestions', ids] as const,
  },
  dashboard: {
    deals: ['deals', 'dashboard'] as const,
    myTasks: ['tasks', 'mine', 'dashboard'] as const,
    time: ['time-entries', 'dashboard'] as const,
    unmappedCount: ['time-entries', 'unmapped', 'count'] as const,
    recentActivity: ['audit-logs', 'recent'] as const,
  },
  emailLog: {
    all: ['email-log'] as const,
    address: ['email-log', 'address'] as const,
    unmatched: ['email-log', 'unmatched'] as const,
    email: (id: string) => ['email-log', 'email', id] as const,
    of: (parentType: string, parentId: string) => ['email-log', 'of', parentType, parentId] as const,
  },
  syncConflicts: {
    all: ['sync-conflicts'] as const,
    lists: ['sync-conflicts', 'list'] as const,
    list: (filters: Filters) => ['sync-conflicts', 'list', filters] as const,
    unresolvedCount: ['sync-conflicts', 'unresolved-count'] as const,
  },
  organizationSettings: { all: ['organization-settings'] as const },
  timesheets: {
    all: ['timesheets'] as const,
    period: (userId: string | null, date: string) => ['timesheets', 'period', userId, date] as const,
    lists: ['timesheets', 'list'] as const,
    list: (filters: Filters) => ['timesheets', 'list', filters] as const,
  },
  auditLogs: {
    all: ['audit-logs'] as const,
    list: (filters: Filters) => ['audit-logs', 'list', filters] as const,
  },
  webhookSubscriptions: {
    all: ['webhook-subscriptions'] as const,
    deliveries: (subscriptionId: string) => ['webhook-subscriptions', subscriptionId, 'deliveries'] as const,
  },
};

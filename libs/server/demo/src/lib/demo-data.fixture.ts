import type { DealStage, TaskPriorityValue, TaskStatusValue } from '@clockwork/shared-dto';

/**
 * The sample data set ("Load sample data", `npm run demo`): a small agency's CRM. Plain data
 * only; `DemoDataLoader` writes it through the domain services. Time entries are generated
 * from `DEMO_WORK` over `DEMO_WEEKS` weeks before the load (`demoTimeEntries`).
 */

/** Marks the sample accounts (`metadata.demo_data`): their presence means the set is loaded. */
export const DEMO_MARKER = 'clockwork-sample-v1';

export const DEMO_CURRENCY = 'EUR';

export interface DemoPerson {
  key: string;
  name: string;
  role: 'manager' | 'sales';
  employee_id: string;
}

/** Colleagues of the admin, each linked to a productivity-platform employee. */
export const DEMO_PEOPLE: DemoPerson[] = [
  { key: 'maria', name: 'Maria Lopez', role: 'manager', employee_id: 'demo-emp-maria' },
  { key: 'tom', name: 'Tom Becker', role: 'sales', employee_id: 'demo-emp-tom' },
];

export interface DemoAccount {
  key: string;
  name: string;
  domain: string;
  industry: string;
  website: string;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { key: 'acme', name: 'Acme Corporation', domain: 'acme-demo.example', industry: 'Manufacturing', website: 'https://acme-demo.example' },
  { key: 'globex', name: 'Globex Logistics', domain: 'globex-demo.example', industry: 'Logistics', website: 'https://globex-demo.example' },
  { key: 'initech', name: 'Initech Software', domain: 'initech-demo.example', industry: 'Software', website: 'https://initech-demo.example' },
  { key: 'umbrella', name: 'Umbrella Health', domain: 'umbrella-demo.example', industry: 'Healthcare', website: 'https://umbrella-demo.example' },
  { key: 'stark', name: 'Stark Renewables', domain: 'stark-demo.example', industry: 'Energy', website: 'https://stark-demo.example' },
];

export interface DemoContact {
  first_name: string;
  last_name: string;
  job_title: string;
  account: string;
}

export const DEMO_CONTACTS: DemoContact[] = [
  { first_name: 'Wile', last_name: 'Coyote', job_title: 'Head of Procurement', account: 'acme' },
  { first_name: 'Road', last_name: 'Runner', job_title: 'CTO', account: 'acme' },
  { first_name: 'Hank', last_name: 'Scorpio', job_title: 'Operations Director', account: 'globex' },
  { first_name: 'Peter', last_name: 'Gibbons', job_title: 'Product Manager', account: 'initech' },
  { first_name: 'Samir', last_name: 'Nagheenanajar', job_title: 'Lead Engineer', account: 'initech' },
  { first_name: 'Alice', last_name: 'Abernathy', job_title: 'IT Manager', account: 'umbrella' },
  { first_name: 'Pepper', last_name: 'Potts', job_title: 'CEO', account: 'stark' },
  { first_name: 'Happy', last_name: 'Hogan', job_title: 'Facilities Lead', account: 'stark' },
];

export interface DemoDeal {
  key: string;
  name: string;
  account: string;
  value: string;
  stage: DealStage;
  owner: 'admin' | 'maria' | 'tom';
}

/** Open deals in every open stage, one won and one lost (closed after creation). */
export const DEMO_DEALS: DemoDeal[] = [
  { key: 'acme-portal', name: 'Acme customer portal', account: 'acme', value: '48000.00', stage: 'won', owner: 'maria' },
  { key: 'acme-support', name: 'Acme support retainer', account: 'acme', value: '18000.00', stage: 'negotiation', owner: 'tom' },
  { key: 'globex-tracking', name: 'Globex shipment tracking', account: 'globex', value: '36000.00', stage: 'proposal', owner: 'tom' },
  { key: 'initech-migration', name: 'Initech cloud migration', account: 'initech', value: '52000.00', stage: 'qualification', owner: 'maria' },
  { key: 'initech-audit', name: 'Initech security audit', account: 'initech', value: '9500.00', stage: 'prospecting', owner: 'tom' },
  { key: 'umbrella-app', name: 'Umbrella patient app', account: 'umbrella', value: '64000.00', stage: 'proposal', owner: 'admin' },
  { key: 'stark-dashboard', name: 'Stark energy dashboard', account: 'stark', value: '27000.00', stage: 'negotiation', owner: 'maria' },
  { key: 'stark-pilot', name: 'Stark sensor pilot', account: 'stark', value: '12000.00', stage: 'lost', owner: 'tom' },
];

export interface DemoTask {
  title: string;
  deal: string;
  assignee: 'admin' | 'maria' | 'tom';
  status: TaskStatusValue;
  priority: TaskPriorityValue;
  /** Days from the load day (negative: overdue). */
  due_in_days: number;
}

export const DEMO_TASKS: DemoTask[] = [
  { title: 'Send portal go-live checklist', deal: 'acme-portal', assignee: 'maria', status: 'done', priority: 'medium', due_in_days: -10 },
  { title: 'Draft support retainer terms', deal: 'acme-support', assignee: 'tom', status: 'in_progress', priority: 'high', due_in_days: 3 },
  { title: 'Prepare tracking proposal deck', deal: 'globex-tracking', assignee: 'tom', status: 'todo', priority: 'high', due_in_days: 5 },
  { title: 'Inventory Initech servers', deal: 'initech-migration', assignee: 'maria', status: 'in_progress', priority: 'medium', due_in_days: 7 },
  { title: 'Book audit discovery call', deal: 'initech-audit', assignee: 'tom', status: 'todo', priority: 'low', due_in_days: 10 },
  { title: 'Review patient app wireframes', deal: 'umbrella-app', assignee: 'admin', status: 'blocked', priority: 'medium', due_in_days: 2 },
  { title: 'Negotiate dashboard scope', deal: 'stark-dashboard', assignee: 'maria', status: 'todo', priority: 'urgent', due_in_days: 1 },
  { title: 'Write pilot post-mortem', deal: 'stark-pilot', assignee: 'tom', status: 'done', priority: 'low', due_in_days: -5 },
];

/** Mapping rules: time entries whose project name matches go to the deal. */
export const DEMO_RULES = [
  { name: 'Portal work', project_name: 'Customer Portal', project_match: 'contains' as const, deal: 'acme-portal' },
  { name: 'Tracking work', project_name: 'Shipment Tracking', project_match: 'contains' as const, deal: 'globex-tracking' },
  { name: 'Migration work', project_name: 'Cloud Migration', project_match: 'contains' as const, deal: 'initech-migration' },
];

/** Hourly rates: the organization's default and a negotiated one for Acme. */
export const DEMO_RATES = [
  { scope: 'organization' as const, hourly_rate: '95.00' },
  { scope: 'account' as const, account: 'acme', hourly_rate: '110.00' },
];

/**
 * Who works on what, every weekday: a project name the agent reports (matched by a rule, by
 * the explicit deal, or by nothing: `unmapped` ones wait in the review queue), hours per day.
 */
export const DEMO_WORK: { person: 'admin' | 'maria' | 'tom'; project: string; deal?: string; hours: number; days: number[] }[] = [
  { person: 'maria', project: 'Acme Customer Portal', hours: 4, days: [1, 2, 3, 4, 5] },
  { person: 'maria', project: 'Initech Cloud Migration', hours: 3, days: [1, 3, 5] },
  { person: 'tom', project: 'Globex Shipment Tracking', hours: 3, days: [1, 2, 4] },
  { person: 'tom', project: 'Support calls', deal: 'acme-support', hours: 2, days: [2, 3, 5] },
  { person: 'admin', project: 'Patient app design', deal: 'umbrella-app', hours: 2, days: [2, 4] },
  // Nothing maps these: the review queue's work.
  { person: 'tom', project: 'Trade fair preparation', hours: 1, days: [5] },
  { person: 'admin', project: 'Internal tooling', hours: 1, days: [1] },
];

export const DEMO_WEEKS = 4;

export interface DemoTimeEntry {
  external_id: string;
  person: 'admin' | 'maria' | 'tom';
  project: string;
  deal?: string;
  start_time: string;
  end_time: string;
  duration_seconds: number;
}

/** Monday (UTC) of the week `weeksBack` full weeks before the week of `today`. */
export function mondayBefore(today: Date, weeksBack: number): Date {
  const day = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()));
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  return new Date(day.getTime() - (sinceMonday + 7 * weeksBack) * 86_400_000);
}

/** The agents' entries of the `DEMO_WEEKS` full weeks before the load day's week, starting at 09:00 UTC. */
export function demoTimeEntries(today: Date): DemoTimeEntry[] {
  const first = mondayBefore(today, DEMO_WEEKS);
  const entries: DemoTimeEntry[] = [];
  for (let week = 0; week < DEMO_WEEKS; week++) {
    for (const [w, work] of DEMO_WORK.entries()) {
      for (const weekday of work.days) {
        const day = new Date(first.getTime() + (week * 7 + weekday - 1) * 86_400_000);
        // Each person's blocks of a day follow one another from 09:00.
        const offset = DEMO_WORK.slice(0, w).filter((o) => o.person === work.person && o.days.includes(weekday)).reduce((sum, o) => sum + o.hours, 0);
        const start = new Date(day.getTime() + (9 + offset) * 3_600_000);
        const end = new Date(start.getTime() + work.hours * 3_600_000);
        entries.push({
          external_id: `${DEMO_MARKER}-${work.person}-${start.toISOString()}`,
          person: work.person,
          project: work.project,
          deal: work.deal,
          start_time: start.toISOString(),
          end_time: end.toISOString(),
          duration_seconds: work.hours * 3600,
        });
      }
    }
  }
  return entries;
}

/** The issued invoice: Acme's mapped time of the first two weeks of entries. */
export function demoInvoicePeriod(today: Date): { account: string; period_from: string; period_to: string } {
  const first = mondayBefore(today, DEMO_WEEKS);
  const last = new Date(first.getTime() + 13 * 86_400_000);
  return { account: 'acme', period_from: first.toISOString().slice(0, 10), period_to: last.toISOString().slice(0, 10) };
}

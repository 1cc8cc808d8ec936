// Time entries as the productivity agents send them (the body of POST /time-entries), for the
// ingestion scenarios: seeded users and deals, recent start times, unique external ids.
import { randomUUID } from 'node:crypto';
import { BenchContext, randomSource } from '../scenario';

export interface DealRef {
  id: string;
  account_id: string | null;
}

export interface AgentEntry {
  external_id: string;
  user_id: string;
  deal_id: string;
  project_name: string;
  tags: string[];
  start_time: string;
  end_time: string;
  duration_seconds: number;
  activity_type: 'app' | 'website' | 'manual';
  productivity_score: number;
  source: 'agent' | 'manual';
}

export async function dealsOf(ctx: BenchContext): Promise<DealRef[]> {
  const { rows } = await ctx.pool.query<DealRef>(`SELECT id, account_id FROM deals WHERE organization_id = $1 ORDER BY id`, [ctx.seed.organizationId]);
  return rows;
}

export async function usersOf(ctx: BenchContext): Promise<string[]> {
  const { rows } = await ctx.pool.query<{ id: string }>(`SELECT id FROM users WHERE organization_id = $1 AND linked_employee_id IS NOT NULL ORDER BY id`, [ctx.seed.organizationId]);
  return rows.map((r) => r.id);
}

/** A generator of entries: each call returns a new one (unique external_id), within the last 30 days. */
export function entryFactory(ctx: BenchContext, deals: DealRef[], users: string[], tag: string): () => AgentEntry {
  const random = randomSource(tag.length * 7919 + deals.length);
  const end = ctx.seed.yearEnd.getTime();
  const run = randomUUID().slice(0, 8);
  let n = 0;
  return () => {
    const seconds = 300 + Math.floor(random() * 3300);
    const start = end - Math.floor(random() * 30 * 86_400_000) - seconds * 1000 - 1000;
    const deal = deals[Math.floor(random() * deals.length)];
    const activity = (['app', 'app', 'website', 'manual'] as const)[n % 4];
    return {
      external_id: `${tag}-${run}-${++n}`,
      user_id: users[Math.floor(random() * users.length)],
      deal_id: deal.id,
      project_name: `Project ${deal.id.slice(0, 8)}`,
      tags: n % 9 === 0 ? ['billable-review'] : [],
      start_time: new Date(start).toISOString(),
      end_time: new Date(start + seconds * 1000).toISOString(),
      duration_seconds: seconds,
      activity_type: activity,
      productivity_score: Math.round(random() * 1000) / 1000,
      source: activity === 'manual' ? 'manual' : 'agent',
    };
  };
}

export function agentEntries(ctx: BenchContext, deals: DealRef[], users: string[], count: number, tag: string): AgentEntry[] {
  const make = entryFactory(ctx, deals, users, tag);
  return Array.from({ length: count }, make);
}

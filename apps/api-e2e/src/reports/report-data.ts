import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { prng } from '@clockwork/testing-support';

/** The seeded generator (mulberry32) of the report specs' data, so a failing run can be replayed. */
export { prng };

export const pick = <T>(rand: () => number, items: readonly T[]): T => items[Math.floor(rand() * items.length)];

export interface SeededDeal {
  id: string;
  account_id: string | null;
  owner_id: string | null;
}

export interface Seeded {
  users: string[];
  accounts: string[];
  deals: SeededDeal[];
  tasks: { id: string; deal_id: string }[];
}

/** Users, accounts, deals (values in two currencies, owners) and tasks, inserted straight into PostgreSQL. */
export async function seedRecords(app: INestApplication, organizationId: string, rand: () => number, size = { users: 4, accounts: 3, deals: 6, tasks: 4 }): Promise<Seeded> {
  const db = app.get(DataSource);
  const users: string[] = [];
  for (let i = 0; i < size.users; i++) {
    const id = randomUUID();
    await db.query(`INSERT INTO users (organization_id, id, name, email, password_hash, role) VALUES ($1, $2, $3, $4, 'x', 'sales')`, [organizationId, id, `Person ${i}`, `p${i}-${id.slice(0, 8)}@reports.test`]);
    users.push(id);
  }
  const accounts: string[] = [];
  for (let i = 0; i < size.accounts; i++) {
    const id = randomUUID();
    await db.query(`INSERT INTO accounts (organization_id, id, name) VALUES ($1, $2, $3)`, [organizationId, id, `Client ${i}`]);
    accounts.push(id);
  }
  const deals: SeededDeal[] = [];
  for (let i = 0; i < size.deals; i++) {
    const deal = { id: randomUUID(), account_id: i === size.deals - 1 ? null : pick(rand, accounts), owner_id: pick(rand, users) };
    const value = `${Math.floor(rand() * 5_000_000)}.${String(Math.floor(rand() * 100)).padStart(2, '0')}`;
    await db.query(`INSERT INTO deals (organization_id, id, name, account_id, owner_id, value, currency) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
      organizationId,
      deal.id,
      `Deal ${i}`,
      deal.account_id,
      deal.owner_id,
      value,
      i % 3 === 2 ? 'EUR' : 'USD',
    ]);
    deals.push(deal);
  }
  const tasks: { id: string; deal_id: string }[] = [];
  for (let i = 0; i < size.tasks; i++) {
    const task = { id: randomUUID(), deal_id: pick(rand, deals).id };
    await db.query(`INSERT INTO tasks (organization_id, id, title, deal_id) VALUES ($1, $2, $3, $4)`, [organizationId, task.id, `Task ${i}`, task.deal_id]);
    tasks.push(task);
  }
  return { users, accounts, deals, tasks };
}

const DAY = 86_400_000;
/** The first day of the random entries (UTC); they span `days` days from here. */
export const ENTRIES_FROM = Date.parse('2025-10-01T00:00:00Z');

/** Random time-entry bodies over `days` days: some on deals, some on tasks, some unmapped; some near midnight UTC. */
export function randomEntries(rand: () => number, seeded: Seeded, count: number, tag: string, days = 150): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, i) => {
    const nearMidnight = rand() < 0.15;
    const dayStart = ENTRIES_FROM + Math.floor(rand() * days) * DAY;
    const start = nearMidnight ? dayStart + DAY - Math.floor(rand() * 1800) * 1000 : dayStart + Math.floor(rand() * 20 * 3600) * 1000;
    const seconds = 60 + Math.floor(rand() * 4 * 3600);
    const kind = rand();
    return {
      external_id: `${tag}-${i}`,
      user_id: rand() < 0.9 ? pick(rand, seeded.users) : undefined,
      ...(kind < 0.45 ? { deal_id: pick(rand, seeded.deals).id } : kind < 0.65 ? { task_id: pick(rand, seeded.tasks).id } : {}),
      start_time: new Date(start).toISOString(),
      end_time: new Date(start + seconds * 1000).toISOString(),
      duration_seconds: seconds,
      activity_type: pick(rand, ['app', 'website', 'manual'] as const),
      productivity_score: Math.floor(rand() * 1001) / 1000,
      source: 'agent',
      billable: rand() < 0.7,
      updated_at: '2026-01-01T00:00:00.000Z',
    };
  });
}

/** Records and `count` random time entries (`tag`-<n>, over the 90 days from ENTRIES_FROM) in an organization, drawn from one seed. */
export async function seedRandomEntries(app: INestApplication, org: { organizationId: string; accessToken: string }, seed: number, count: number, tag: string): Promise<void> {
  const rand = prng(seed);
  const seeded = await seedRecords(app, org.organizationId, rand);
  await postEntries(app, org.accessToken, randomEntries(rand, seeded, count, tag, 90));
}

/** Posts entries in batches of up to 5,000 as the given caller; every entry must be stored. */
export async function postEntries(app: INestApplication, token: string, entries: Record<string, unknown>[]): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < entries.length; i += 5000) {
    const res = await request(app.getHttpServer())
      .post('/api/v1/time-entries/batch')
      .set('Authorization', `Bearer ${token}`)
      .send({ entries: entries.slice(i, i + 5000) });
    if (res.status !== 200) throw new Error(`batch answered ${res.status}: ${JSON.stringify(res.body).slice(0, 500)}`);
    for (const r of res.body.results) {
      if (!['created', 'updated', 'unchanged', 'existing'].includes(r.status) || !r.id) throw new Error(`entry ${r.index}: ${JSON.stringify(r)}`);
      ids.push(r.id);
    }
  }
  return ids;
}

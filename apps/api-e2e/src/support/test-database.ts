import { randomBytes } from 'node:crypto';
import { dataSourceOptions } from '@clockwork/server-core';
import { Client } from 'pg';
import { DataSource } from 'typeorm';

/** The server the tests may create databases on: TEST_DATABASE_URL, else DATABASE_URL's server. */
export function adminUrl(): string {
  const given = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const url = new URL(given);
  url.pathname = '/postgres';
  return url.toString();
}

export function databaseUrl(name: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(work: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates an empty database with a unique name; returns its URL. */
export async function createDatabase(prefix = 'ck_test'): Promise<{ name: string; url: string }> {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE "${name}"`));
  return { name, url: databaseUrl(name) };
}

/**
 * A migrated database with a unique name. The global setup migrates one template database for the
 * run (E2E_TEMPLATE_DATABASE); a copy of it takes about a second where running every migration
 * takes tens of seconds under load. Without a template (a spec run on its own outside the global
 * setup), the database is created and migrated.
 */
export async function createMigratedDatabase(prefix = 'ck_test'): Promise<{ name: string; url: string }> {
  const template = process.env.E2E_TEMPLATE_DATABASE;
  if (!template) {
    const created = await createDatabase(prefix);
    await migrate(created.url);
    return created;
  }
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  // Copies may be made side by side; PostgreSQL refuses one only while a session is connected to
  // the template, which nothing does after the global setup: retry briefly all the same.
  for (let attempt = 1; ; attempt++) {
    try {
      await admin((c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
      return { name, url: databaseUrl(name) };
    } catch (e) {
      if (attempt >= 10 || !/being accessed by other users/.test((e as Error).message)) throw e;
      await new Promise((r) => setTimeout(r, 200 * attempt));
    }
  }
}

export async function dropDatabase(name: string): Promise<void> {
  await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

/** A data source on the given database with the product's own options (not initialized). */
export function testDataSource(url: string): DataSource {
  return new DataSource(dataSourceOptions({ DATABASE_URL: url, DATABASE_POOL_SIZE: 4 }, 'clockwork-test'));
}

export async function migrate(url: string): Promise<void> {
  const ds = await testDataSource(url).initialize();
  try {
    await ds.runMigrations({ transaction: 'each' });
  } finally {
    await ds.destroy();
  }
}

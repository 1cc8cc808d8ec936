import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createApiApp } from './api-app';
import { signup, SignedUp } from './org-fixture';

/** What most specs share between their tests: the api, its database and one signed-up organization. */
export interface ApiWithOrg {
  app: INestApplication;
  db: DataSource;
  /** The organization's admin (its first user). */
  admin: SignedUp;
}

/**
 * Registers a describe block's usual hooks: before its tests, start the api (`env` overrides
 * variables for it) and sign up the organization `orgName`; after them, close the api. Answers the
 * object those hooks fill in: read it inside tests and in the block's later hooks, which run after
 * this one.
 */
export function apiWithOrg(orgName: string, env: Record<string, string> = {}): ApiWithOrg {
  const api = {} as ApiWithOrg;
  beforeAll(async () => {
    api.app = await createApiApp(env);
    api.db = api.app.get(DataSource);
    api.admin = await signup(api.app, orgName);
  });
  afterAll(() => api.app?.close());
  return api;
}

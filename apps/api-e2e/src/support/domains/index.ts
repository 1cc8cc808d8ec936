import { readdirSync } from 'node:fs';
import type { DomainFixture } from './domain-fixture';

/** Every `*.domain.ts` fixture of this folder. */
export const DOMAINS: DomainFixture[] = readdirSync(__dirname)
  .filter((f) => f.endsWith('.domain.ts'))
  .sort()
  .map((f) => require(`./${f}`).default as DomainFixture);

export function domainOf(path: string): DomainFixture {
  const resource = path.replace('/api/v1/', '').split('/')[0];
  const domain = DOMAINS.find((d) => d.resource === resource);
  if (!domain) throw new Error(`No fixture in support/domains for /api/v1/${resource}`);
  return domain;
}

export type { AuditCase, DomainFixture, Expected } from './domain-fixture';

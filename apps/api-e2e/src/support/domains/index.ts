import { readdirSync } from 'node:fs';
import type { DomainFixture } from './domain-fixture';

/** Every `*.domain.ts` fixture of this folder. */
export const DOMAINS: DomainFixture[] = readdirSync(__dirname)
  .filter((f) => f.endsWith('.domain.ts'))
  .sort()
  .map((f) => require(`./${f}`).default as DomainFixture);

export function domainOf(path: string): DomainFixture {
  // The longest matching resource wins, so nested ones (`webhooks/subscriptions`) have their own fixture.
  const rest = path.replace('/api/v1/', '');
  const resource = rest.split('/')[0];
  const domain = DOMAINS.filter((d) => rest === d.resource || rest.startsWith(`${d.resource}/`)).sort((a, b) => b.resource.length - a.resource.length)[0];
  if (!domain) throw new Error(`No fixture in support/domains for /api/v1/${resource}`);
  return domain;
}

export type { AuditCase, DomainFixture, Expected } from './domain-fixture';

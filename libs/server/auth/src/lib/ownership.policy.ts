import { ForbiddenException } from '@nestjs/common';
import type { Principal } from '@clockwork/server-core';

/**
 * Sales may read every record but change only their own (owner, assignee or creator); every
 * other role that may use the route may change any record of the organization.
 */
export function assertMayModify(principal: Principal | undefined, owners: (string | null | undefined)[], what: string): void {
  if (principal?.role !== 'sales') return;
  if (principal.kind === 'user' && owners.includes(principal.id)) return;
  throw new ForbiddenException(`The sales role may only change its own ${what}`);
}

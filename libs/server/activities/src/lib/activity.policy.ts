import { ForbiddenException, NotFoundException } from '@nestjs/common';
import type { Principal } from '@clockwork/server-core';
import { READABLE_PARENT_TYPES } from '@clockwork/server-notes';
import type { Activity, ParentType } from '@clockwork/shared-entities';

/** The records an activity is linked to, as (type, id) pairs. */
export function linksOf(a: Pick<Activity, 'accountId' | 'contactId' | 'dealId'>): Array<[ParentType, string]> {
  const links: Array<[ParentType, string | null]> = [['account', a.accountId], ['contact', a.contactId], ['deal', a.dealId]];
  return links.filter((l): l is [ParentType, string] => l[1] !== null);
}

/** The parent types of activities a role may not read (support: accounts and deals). */
export function hiddenParentTypes(principal: Principal | undefined): ParentType[] {
  const readable = principal ? READABLE_PARENT_TYPES[principal.role] : [];
  return (['account', 'contact', 'deal'] as const).filter((t) => !readable.includes(t));
}

/** An activity is read by whoever may read every record it is linked to (as notes: else 404). */
export function assertReadableActivity(principal: Principal | undefined, a: Activity | null): Activity {
  const hidden = hiddenParentTypes(principal);
  if (!a || linksOf(a).some(([type]) => hidden.includes(type))) throw new NotFoundException('Activity not found');
  return a;
}

/** Changing or deleting an activity is for its owner, admins and managers. */
export function assertMayChangeActivity(principal: Principal | undefined, a: Activity): void {
  if (principal?.role === 'admin' || principal?.role === 'manager' || (principal?.kind === 'user' && a.ownerId === principal.id)) return;
  throw new ForbiddenException('Only the owner of this activity, admins and managers may change or delete it');
}

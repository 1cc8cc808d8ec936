import { ForbiddenException, NotFoundException } from '@nestjs/common';
import type { Principal } from '@clockwork/server-core';
import { mayOpenList, type SavedViewList } from '@clockwork/shared-dto';
import type { SavedView } from '@clockwork/shared-entities';

/** Private views are their owner's; shared ones are read by everyone whose role opens the list. */
export function mayReadView(principal: Principal | undefined, view: SavedView): boolean {
  if (!principal || principal.kind !== 'user') return false;
  return view.ownerId === principal.id || (view.visibility === 'organization' && mayOpenList(principal.role, view.list as SavedViewList));
}

/** Only the owner edits a view; an admin may also edit or delete a shared one. */
export function mayEditView(principal: Principal | undefined, view: SavedView): boolean {
  if (!principal || principal.kind !== 'user') return false;
  return view.ownerId === principal.id || (view.visibility === 'organization' && principal.role === 'admin');
}

export function assertReadable(principal: Principal | undefined, view: SavedView | null): SavedView {
  if (!view || !mayReadView(principal, view)) throw new NotFoundException('Saved view not found');
  return view;
}

export function assertEditable(principal: Principal | undefined, view: SavedView): void {
  if (!mayEditView(principal, view)) throw new ForbiddenException('Only the owner of this view (or an admin, for a shared view) may change or delete it');
}

export function assertMayOpen(principal: Principal | undefined, list: SavedViewList): void {
  if (!mayOpenList(principal?.role, list)) throw new ForbiddenException(`Your role may not open the ${list} list`);
}

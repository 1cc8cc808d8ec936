import { ForbiddenException } from '@nestjs/common';
import type { Principal } from '@clockwork/server-core';

/** The user a new note or attachment is credited to; API keys are nobody's (null). */
export function authorIdOf(principal: Principal | undefined): string | null {
  return principal?.kind === 'user' ? principal.id : null;
}

/** Whether the caller wrote it (a signed-in user whose id is the author). */
export function isAuthor(principal: Principal | undefined, authorId: string | null): boolean {
  return principal?.kind === 'user' && authorId !== null && principal.id === authorId;
}

/** Private notes are shown to their author and admins only. */
export function mayReadNote(principal: Principal | undefined, note: { isPrivate: boolean; authorId: string | null }): boolean {
  return !note.isPrivate || principal?.role === 'admin' || isAuthor(principal, note.authorId);
}

/**
 * Changing or deleting a note, or deleting an attachment, is for its author, admins and
 * managers (docs/permissions.md); anyone else who can see it gets a 403.
 */
export function assertMayChange(principal: Principal | undefined, authorId: string | null, what: 'note' | 'attachment'): void {
  if (principal?.role === 'admin' || principal?.role === 'manager' || isAuthor(principal, authorId)) return;
  throw new ForbiddenException(`Only the author of this ${what}, admins and managers may change or delete it`);
}

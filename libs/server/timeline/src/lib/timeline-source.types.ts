import type { Principal } from '@clockwork/server-core';

/**
 * The positional parameters every timeline branch may use. The repository binds them:
 * $1 the caller's organization, $2 the account or contact whose timeline it is, $3 the caller's
 * id, $4 whether the caller is an admin.
 */
export const TIMELINE_PARAM = { organization: '$1', subject: '$2', viewer: '$3::uuid', viewerIsAdmin: '$4::boolean' } as const;

/**
 * One SELECT of a timeline: the rows of one kind of item for one subject, as SQL fragments.
 * The repository adds `organizationColumn = $1`, the keyset condition on (at, id), the order
 * and the limit, and UNION ALLs the branches.
 */
export interface TimelineBranch {
  /** The item type, e.g. `note`; a plain identifier. */
  type: string;
  /** `FROM table alias [JOIN ...]`; every joined tenant table is joined on organization_id too. */
  from: string;
  /** The organization column of the driving table, e.g. `n.organization_id`. */
  organizationColumn: string;
  /** Further conditions (ANDed), using TIMELINE_PARAM. */
  where: string[];
  /** timestamptz expression of when it happened. */
  at: string;
  /** uuid expression of the item's id. */
  id: string;
  /** text expression: one line for people. */
  summary: string;
  /** jsonb expression with the item's details (timestamps as ISO strings, see isoSql). */
  data: string;
}

/** Who is looking: some items are only for some roles (support may not read deals). */
export interface TimelineViewer {
  principal: Principal;
}

/**
 * A kind of timeline item. The built-in ones (notes, tasks, deal stage changes, audit entries,
 * time entries) live in ./sources; another module adds its own by calling
 * TimelineSources.register().
 */
export interface TimelineSource {
  /** Branches of an account's timeline (none when this kind never shows there). */
  forAccount(viewer: TimelineViewer): TimelineBranch[];
  /** Branches of a contact's timeline. */
  forContact(viewer: TimelineViewer): TimelineBranch[];
}

/** A timestamptz expression as an ISO-8601 UTC string inside jsonb (matches Date.toISOString()). */
export const isoSql = (expr: string) => `to_char((${expr}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

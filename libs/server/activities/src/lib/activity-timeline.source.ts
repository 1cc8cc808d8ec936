import { isoSql, TIMELINE_PARAM as P, TimelineBranch, TimelineSource, TimelineViewer } from '@clockwork/server-timeline';
import { hiddenParentTypes } from './activity.policy';

const columns = (viewer: TimelineViewer): Omit<TimelineBranch, 'where'> & { where: string[] } => ({
  type: 'activity',
  from: 'FROM activities a',
  organizationColumn: 'a.organization_id',
  // Activities linked to a record the viewer's role may not read are left out (as in GET /activities).
  where: hiddenParentTypes(viewer.principal).map((t) => `a.${t}_id IS NULL`),
  at: 'a.occurred_at',
  id: 'a.id',
  summary: `initcap(a.type) || ' · ' || a.subject || ' (' || replace(a.outcome, '_', ' ') || ', ' || a.duration_minutes || ' min)'`,
  data: `jsonb_build_object('activity_type', a.type, 'subject', a.subject, 'outcome', a.outcome, 'duration_minutes', a.duration_minutes, 'owner_id', a.owner_id,
    'account_id', a.account_id, 'contact_id', a.contact_id, 'deal_id', a.deal_id, 'notes', a.notes, 'occurred_at', ${isoSql('a.occurred_at')})`,
});

/**
 * Calls and meetings: on an account's timeline those linked to it, to one of its contacts or to
 * one of its deals (once each); on a contact's timeline those linked to the contact.
 */
export const activitySource: TimelineSource = {
  forAccount: (viewer) => {
    const c = columns(viewer);
    const onAccount = `(a.account_id = ${P.subject}
      OR a.contact_id IN (SELECT c.id FROM contacts c WHERE c.organization_id = ${P.organization} AND c.account_id = ${P.subject})
      OR a.deal_id IN (SELECT d.id FROM deals d WHERE d.organization_id = ${P.organization} AND d.account_id = ${P.subject}))`;
    return [{ ...c, where: [onAccount, ...c.where] }];
  },
  forContact: (viewer) => {
    const c = columns(viewer);
    return [{ ...c, where: [`a.contact_id = ${P.subject}`, ...c.where] }];
  },
};

import { isoSql, TIMELINE_PARAM as P, TimelineBranch, TimelineSource } from '@clockwork/server-timeline';

const columns: Omit<TimelineBranch, 'where' | 'from'> = {
  type: 'email',
  organizationColumn: 'l.organization_id',
  at: 'e.sent_at',
  id: 'e.id',
  summary: `CASE WHEN e.subject = '' THEN '(no subject)' ELSE e.subject END`,
  data: `jsonb_build_object('email_id', e.id, 'subject', e.subject, 'snippet', e.snippet,
    'from', jsonb_build_object('address', e.from_address, 'name', e.from_name), 'to', e.to_addresses, 'cc', e.cc_addresses,
    'sent_at', ${isoSql('e.sent_at')})`,
};

const FROM = 'FROM logged_email_links l JOIN logged_emails e ON e.organization_id = l.organization_id AND e.id = l.email_id';

/**
 * Logged emails: on a contact's timeline those linked to the contact, on an account's those
 * linked to the account (once each; a link is made per record when the email is matched or
 * assigned). The body is not on the timeline: GET /email-log/emails/{id} has it.
 */
export const emailSource: TimelineSource = {
  forAccount: () => [{ ...columns, from: FROM, where: [`l.account_id = ${P.subject}`] }],
  forContact: () => [{ ...columns, from: FROM, where: [`l.contact_id = ${P.subject}`] }],
};

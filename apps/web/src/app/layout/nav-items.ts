import { can, canSee, type Capability, type Role, type Section } from '../../auth/permissions';
import type { IconName } from '../../components/icons';

export interface NavItem {
  label: string;
  path: string;
  icon: IconName;
  section: Section;
  description: string;
  /** The label for roles without this capability (e.g. sales and support see only their own time). */
  labelWithout?: { capability: Capability; label: string };
  /** A count shown beside the label (hidden at zero). */
  badge?: 'unresolved-conflicts';
}

export const navItems: readonly NavItem[] = [
  { label: 'Dashboard', path: '/', icon: 'dashboard', section: 'dashboard', description: 'Your pipeline, tasks and time at a glance.' },
  { label: 'Accounts', path: '/accounts', icon: 'accounts', section: 'accounts', description: 'Companies you work with, their contacts, deals and history.' },
  { label: 'Contacts', path: '/contacts', icon: 'contacts', section: 'contacts', description: 'People at your accounts, with owners and tags.' },
  { label: 'Deals', path: '/deals', icon: 'deals', section: 'deals', description: 'Deals and projects by stage, from prospecting to won.' },
  { label: 'Tasks', path: '/tasks', icon: 'tasks', section: 'tasks', description: 'Work on deals, with assignees, priorities and due dates.' },
  { label: 'Time Entries', path: '/time-entries', icon: 'time', section: 'time-entries', description: 'Time recorded by productivity agents, mapped to customer work.', labelWithout: { capability: 'all-time', label: 'My time' } },
  { label: 'My timesheet', path: '/timesheet', icon: 'calendar', section: 'timesheet', description: 'Your hours by deal and day, submitted for approval.' },
  { label: 'Approvals', path: '/approvals', icon: 'check', section: 'approvals', description: 'Submitted timesheets to approve or reject.' },
  { label: 'Reports', path: '/reports', icon: 'reports', section: 'reports', description: 'Pipeline, time per client and revenue versus hours.' },
  { label: 'Invoices', path: '/invoices', icon: 'docs', section: 'invoices', description: 'Drafts from billable time, issued and paid invoices, PDF and CSV.' },
  { label: 'Integrations', path: '/integrations', icon: 'integrations', section: 'integrations', description: 'The productivity backend, webhook subscriptions and deliveries.' },
  { label: 'Sync conflicts', path: '/sync-conflicts', icon: 'sync', section: 'sync-conflicts', description: 'Fields changed on both sides of the productivity sync, to review.', badge: 'unresolved-conflicts' },
  { label: 'Unmatched emails', path: '/unmatched-emails', icon: 'inbox', section: 'unmatched-emails', description: 'Logged mail that matched no contact, to assign or discard.' },
  { label: 'Audit log', path: '/audit-log', icon: 'history', section: 'audit-log', description: 'Who changed what and when, with each change before and after.' },
  { label: 'Privacy', path: '/privacy', icon: 'shield', section: 'privacy', description: 'Data subject requests (export, erasure) and how long records are kept.' },
  { label: 'Settings', path: '/settings', icon: 'settings', section: 'settings', description: 'Users, roles and API keys of your organization.' },
];

/** The sections a role may use, each with the label it sees (the sidebar, the command palette). */
export function visibleNavItems(role: Role | undefined): (NavItem & { shownLabel: string })[] {
  return navItems
    .filter((item) => canSee(role, item.section))
    .map((item) => ({ ...item, shownLabel: item.labelWithout && !can(role, item.labelWithout.capability) ? item.labelWithout.label : item.label }));
}

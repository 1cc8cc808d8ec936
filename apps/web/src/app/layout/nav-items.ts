import type { IconName } from './icons';

export interface NavItem {
  label: string;
  path: string;
  icon: IconName;
  description: string;
}

export const navItems: readonly NavItem[] = [
  { label: 'Dashboard', path: '/', icon: 'dashboard', description: 'System status and what is happening today.' },
  { label: 'Accounts', path: '/accounts', icon: 'accounts', description: 'Companies you work with, their addresses and primary contacts.' },
  { label: 'Contacts', path: '/contacts', icon: 'contacts', description: 'People at your accounts, with owners and tags.' },
  { label: 'Deals', path: '/deals', icon: 'deals', description: 'Your pipeline from prospecting to won, with values and stages.' },
  { label: 'Tasks', path: '/tasks', icon: 'tasks', description: 'Work on deals, with assignees, priorities and due dates.' },
  { label: 'Time Entries', path: '/time-entries', icon: 'time', description: 'Time recorded by productivity agents, mapped to customer work.' },
  { label: 'Reports', path: '/reports', icon: 'reports', description: 'Pipeline, time per client and revenue versus hours.' },
  { label: 'Integrations', path: '/integrations', icon: 'integrations', description: 'The productivity backend, webhooks and API keys.' },
  { label: 'Settings', path: '/settings', icon: 'settings', description: 'Organization, users, roles and preferences.' },
];

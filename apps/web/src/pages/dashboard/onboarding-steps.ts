import type { OnboardingStepDto } from '@clockwork/api-client';

/** What each step of the checklist says (the api gives its id, whether it is done and where). */
export const stepText: Record<OnboardingStepDto['id'], { title: string; hint: string }> = {
  connect_platform: { title: 'Connect the productivity platform', hint: 'Add the integration; its webhook URL and signing secret are shown on the Integrations page, to copy into the platform.' },
  first_time_entries: { title: 'Receive the first time entries', hint: 'Done once the platform has sent a signed webhook or its agents have posted time.' },
  link_employees: { title: 'Link employees to users', hint: "Give users the platform's employee id, so their time is theirs." },
  first_mapping_rule: { title: 'Add a mapping rule', hint: 'Rules send time entries to deals by project name, tags or person.' },
  invite_team: { title: 'Invite your team', hint: 'Invite colleagues as managers, sales or support.' },
  set_rates: { title: 'Set hourly rates', hint: 'Rates price the time on invoices.' },
};

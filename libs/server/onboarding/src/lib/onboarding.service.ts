import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditWriter, RequestContext } from '@clockwork/server-core';
import { DataSource } from 'typeorm';
import type { OnboardingDto, OnboardingStepDto, OnboardingStepId } from '@clockwork/shared-dto';
import { OnboardingFacts, OnboardingRepository } from './onboarding.repository';

/** Each step: the page of the web app where it is done, and when it counts as done. */
const STEPS: { id: OnboardingStepId; link: string; done: (f: OnboardingFacts) => boolean }[] = [
  // The integration's webhook URL and signing secret are shown on the Integrations page.
  { id: 'connect_platform', link: '/integrations', done: (f) => f.integrations > 0 },
  // The platform is wired up once its first signed webhook or time entry has arrived.
  { id: 'first_time_entries', link: '/integrations', done: (f) => f.webhooks_received > 0 || f.time_entries > 0 },
  { id: 'link_employees', link: '/settings', done: (f) => f.linked_users > 0 },
  { id: 'first_mapping_rule', link: '/time-entries?view=rules', done: (f) => f.mapping_rules > 0 },
  // Beyond the first admin: another user, or an invitation that is pending or accepted.
  { id: 'invite_team', link: '/settings', done: (f) => f.other_users > 0 || f.open_invitations > 0 },
  { id: 'set_rates', link: '/settings?tab=rates', done: (f) => f.rates > 0 },
];

/** The onboarding checklist, computed from the organization's data on every call (nothing stored). */
export function onboardingSteps(facts: OnboardingFacts): OnboardingDto {
  const steps: OnboardingStepDto[] = STEPS.map((s) => ({ id: s.id, done: s.done(facts), link: s.link }));
  return { steps, complete: steps.every((s) => s.done), dismissed: facts.dismissed };
}

@Injectable()
export class OnboardingService {
  constructor(
    private readonly repository: OnboardingRepository,
    private readonly audit: AuditWriter,
    private readonly context: RequestContext,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async status(): Promise<OnboardingDto> {
    return onboardingSteps(await this.repository.facts());
  }

  /** Hides the checklist for the whole organization; audited once (a second dismissal changes nothing). */
  async dismiss(): Promise<OnboardingDto> {
    await this.dataSource.transaction(async (manager) => {
      if (await this.repository.dismiss(manager)) {
        await this.audit.record(manager, { action: 'dismiss', objectType: 'onboarding', objectId: this.context.organizationId, before: { dismissed: false }, after: { dismissed: true } });
      }
    });
    return this.status();
  }
}

import { ONBOARDING_STEPS } from '@clockwork/shared-dto';
import type { OnboardingFacts } from './onboarding.repository';
import { onboardingSteps } from './onboarding.service';

const none: OnboardingFacts = { integrations: 0, webhooks_received: 0, time_entries: 0, linked_users: 0, mapping_rules: 0, other_users: 0, open_invitations: 0, rates: 0, dismissed: false };
const doneIds = (facts: Partial<OnboardingFacts>) => onboardingSteps({ ...none, ...facts }).steps.filter((s) => s.done).map((s) => s.id);

describe('onboardingSteps', () => {
  it('lists every step in order, none done for a new organization', () => {
    const result = onboardingSteps(none);
    expect(result.steps.map((s) => s.id)).toEqual([...ONBOARDING_STEPS]);
    expect(result.steps.every((s) => !s.done && s.link.startsWith('/'))).toBe(true);
    expect(result.complete).toBe(false);
  });

  it('ticks each step from its own fact only', () => {
    expect(doneIds({ integrations: 1 })).toEqual(['connect_platform']);
    expect(doneIds({ webhooks_received: 1 })).toEqual(['first_time_entries']);
    expect(doneIds({ time_entries: 1 })).toEqual(['first_time_entries']);
    expect(doneIds({ linked_users: 2 })).toEqual(['link_employees']);
    expect(doneIds({ mapping_rules: 1 })).toEqual(['first_mapping_rule']);
    expect(doneIds({ other_users: 1 })).toEqual(['invite_team']);
    expect(doneIds({ open_invitations: 1 })).toEqual(['invite_team']);
    expect(doneIds({ rates: 1 })).toEqual(['set_rates']);
  });

  it('is complete when every step is done', () => {
    const all = onboardingSteps({ integrations: 1, webhooks_received: 0, time_entries: 3, linked_users: 1, mapping_rules: 1, other_users: 0, open_invitations: 1, rates: 1, dismissed: true });
    expect(all).toMatchObject({ complete: true, dismissed: true });
    expect(onboardingSteps(none).dismissed).toBe(false);
  });
});

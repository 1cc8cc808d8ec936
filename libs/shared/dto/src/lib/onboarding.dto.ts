import { ApiProperty } from '@nestjs/swagger';

export const ONBOARDING_STEPS = ['connect_platform', 'first_time_entries', 'link_employees', 'first_mapping_rule', 'invite_team', 'set_rates'] as const;
export type OnboardingStepId = (typeof ONBOARDING_STEPS)[number];

export class OnboardingStepDto {
  @ApiProperty({ enum: ONBOARDING_STEPS })
  id: OnboardingStepId;

  @ApiProperty({ description: 'Computed from the organization\'s data (never stored): e.g. set_rates is done once a rate exists' })
  done: boolean;

  @ApiProperty({ example: '/settings?tab=rates', description: "The web app's page where the step is done" })
  link: string;
}

export class OnboardingDto {
  @ApiProperty({ type: [OnboardingStepDto], description: 'In the order they are best done' })
  steps: OnboardingStepDto[];

  @ApiProperty({ description: 'Every step done' })
  complete: boolean;

  @ApiProperty({ description: 'An admin dismissed the checklist (`POST /onboarding/dismiss`): the web app no longer shows it to anyone of the organization' })
  dismissed: boolean;
}

/** `POST /onboarding/dismiss` takes no fields. */
export class DismissOnboardingDto {}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The getting-started checklist (`GET /onboarding`) is computed from each organization's data;
 * only its dismissal is stored: once an admin dismisses it, nobody of the organization sees it.
 */
export class OnboardingDismissal1763702600000 implements MigrationInterface {
  name = 'OnboardingDismissal1763702600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE organizations ADD COLUMN onboarding_dismissed_at timestamptz(3)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE organizations DROP COLUMN onboarding_dismissed_at`);
  }
}

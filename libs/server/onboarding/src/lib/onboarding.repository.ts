import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { RequestContext } from '@clockwork/server-core';
import { DataSource, EntityManager } from 'typeorm';

/** The facts the onboarding steps are computed from, for the caller's organization (one round trip). */
export interface OnboardingFacts {
  integrations: number;
  webhooks_received: number;
  time_entries: number;
  linked_users: number;
  mapping_rules: number;
  other_users: number;
  open_invitations: number;
  rates: number;
  /** An admin dismissed the checklist. */
  dismissed: boolean;
}

/** Each fact is an EXISTS-style count capped at 1 row read per table ("is there any?"), except the users. */
export const FACTS_SQL = `SELECT
    (SELECT count(*) FROM (SELECT 1 FROM integrations WHERE organization_id = $1 LIMIT 1) x)::int AS integrations,
    (SELECT count(*) FROM (SELECT 1 FROM webhook_receipts WHERE organization_id = $1 LIMIT 1) x)::int AS webhooks_received,
    (SELECT count(*) FROM (SELECT 1 FROM time_entries WHERE organization_id = $1 LIMIT 1) x)::int AS time_entries,
    (SELECT count(*) FROM users WHERE organization_id = $1 AND linked_employee_id IS NOT NULL)::int AS linked_users,
    (SELECT count(*) FROM (SELECT 1 FROM mapping_rules WHERE organization_id = $1 LIMIT 1) x)::int AS mapping_rules,
    (SELECT greatest(count(*) - 1, 0) FROM users WHERE organization_id = $1)::int AS other_users,
    (SELECT count(*) FROM user_invitations WHERE organization_id = $1 AND revoked_at IS NULL AND (accepted_at IS NOT NULL OR expires_at > now()))::int AS open_invitations,
    (SELECT count(*) FROM (SELECT 1 FROM billing_rates WHERE organization_id = $1 LIMIT 1) x)::int AS rates,
    (SELECT onboarding_dismissed_at IS NOT NULL FROM organizations WHERE id = $1) AS dismissed`;

@Injectable()
export class OnboardingRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly context: RequestContext,
  ) {}

  async facts(): Promise<OnboardingFacts> {
    const [row] = await this.dataSource.query(FACTS_SQL, [this.context.organizationId]);
    return row as OnboardingFacts;
  }

  /** Marks the checklist dismissed; false when it already was (nothing changed). */
  async dismiss(manager: EntityManager): Promise<boolean> {
    // As a SELECT over the UPDATE: TypeORM answers a bare UPDATE with [rows, count], a SELECT with its rows.
    const [{ changed }] = await manager.query(
      `WITH dismissed AS (UPDATE organizations SET onboarding_dismissed_at = now() WHERE id = $1 AND onboarding_dismissed_at IS NULL RETURNING id) SELECT count(*)::int AS changed FROM dismissed`,
      [this.context.organizationId],
    );
    return changed > 0;
  }
}

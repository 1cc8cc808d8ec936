import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DismissSuggestedRuleDto, RulePrecisionDto } from '@clockwork/shared-dto';
import { DataSource, EntityManager } from 'typeorm';
import type { EntryText } from './mapping-suggestions.rules';
import type { PatternCount, RuleCriteria } from './suggested-rules.rules';

/** The mapping rule that marks an entry mapped by an auto-applied suggestion. */
export const SUGGESTION_MAPPING_RULE = 'suggestion';
/** The unmapped reason of an entry whose auto-applied suggestion was undone (never auto-applied again). */
export const SUGGESTION_UNDONE_REASON = 'suggestion_undone';
/** The most unmapped entries one auto-apply run looks at (newest first). */
export const AUTO_APPLY_MAX_ENTRIES = 5000;

export interface AutoApplySettings {
  enabled: boolean;
  threshold: number;
}

/** Named queries of mapping that learns; every one takes the organization explicitly (the worker has no request). */
@Injectable()
export class MappingLearningRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Each rule of the organization with the entries it mapped (rule_origin_*, kept by a trigger), those still on its target and those a person moved. */
  async rulePrecision(organizationId: string): Promise<RulePrecisionDto[]> {
    const rows: (Omit<RulePrecisionDto, 'precision'> & { precision: string | null })[] = await this.dataSource.query(
      `SELECT r.id AS rule_id, r.name, r.enabled, r.deal_id, r.task_id, c.mapped, c.stayed, c.reassigned,
              round(c.stayed::numeric / NULLIF(c.mapped, 0), 4) AS precision
         FROM mapping_rules r
         CROSS JOIN LATERAL (
           SELECT count(*)::int AS mapped,
                  count(*) FILTER (WHERE t.deal_id IS NOT DISTINCT FROM t.rule_origin_deal_id AND t.task_id IS NOT DISTINCT FROM t.rule_origin_task_id)::int AS stayed,
                  count(*) FILTER (WHERE t.mapping_rule = 'manual' AND (t.deal_id IS DISTINCT FROM t.rule_origin_deal_id OR t.task_id IS DISTINCT FROM t.rule_origin_task_id))::int AS reassigned
             FROM time_entries t WHERE t.organization_id = r.organization_id AND t.rule_origin_id = r.id) c
        WHERE r.organization_id = $1
        ORDER BY r.priority, r.created_at, r.id`,
      [organizationId],
    );
    return rows.map((r) => ({ ...r, precision: r.precision === null ? null : Number(r.precision) }));
  }

  /** Review decisions (entries mapped by hand to an open deal) counted per pattern and deal, with at least `min` for the deal. */
  patternCounts(organizationId: string, min: number): Promise<PatternCount[]> {
    return this.dataSource.query(
      `WITH d AS (
         SELECT t.deal_id, t.project_name, t.tags, t.employee_id, t.user_id, t.activity_type FROM time_entries t
           JOIN deals k ON k.organization_id = t.organization_id AND k.id = t.deal_id AND k.stage NOT IN ('won', 'lost')
          WHERE t.organization_id = $1 AND t.mapping_rule = 'manual' AND t.deal_id IS NOT NULL),
       p AS (
         SELECT 'project_name' AS kind, lower(btrim(project_name)) AS value, deal_id FROM d WHERE btrim(coalesce(project_name, '')) <> ''
         UNION ALL SELECT 'tag', lower(btrim(tag)), deal_id FROM d CROSS JOIN LATERAL unnest(d.tags) AS tag WHERE btrim(tag) <> ''
         UNION ALL SELECT 'activity_type', activity_type, deal_id FROM d
         UNION ALL SELECT 'user_id', user_id::text, deal_id FROM d WHERE user_id IS NOT NULL
         UNION ALL SELECT 'employee_id', btrim(employee_id), deal_id FROM d WHERE user_id IS NULL AND btrim(coalesce(employee_id, '')) <> ''),
       c AS (SELECT kind, value, deal_id, count(*)::int AS decisions, (sum(count(*)) OVER (PARTITION BY kind, value))::int AS pattern_decisions FROM p GROUP BY kind, value, deal_id)
       SELECT kind, value, deal_id, decisions, pattern_decisions FROM c WHERE decisions >= $2`,
      [organizationId, min],
    );
  }

  ruleCriteria(organizationId: string): Promise<RuleCriteria[]> {
    return this.dataSource.query(`SELECT project_name, project_match, tags, user_id::text, employee_id, activity_type FROM mapping_rules WHERE organization_id = $1`, [organizationId]);
  }

  dismissals(organizationId: string): Promise<{ kind: string; value: string; deal_id: string }[]> {
    return this.dataSource.query(`SELECT kind, value, deal_id FROM suggested_rule_dismissals WHERE organization_id = $1`, [organizationId]);
  }

  /** Records the dismissal (once per pattern and deal); its id, or null when it was dismissed already. */
  async dismiss(manager: EntityManager, organizationId: string, dto: DismissSuggestedRuleDto, userId: string | null): Promise<string | null> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO suggested_rule_dismissals (organization_id, kind, value, deal_id, dismissed_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (organization_id, kind, value, deal_id) DO NOTHING RETURNING id`,
      [organizationId, dto.kind, dto.value.toLowerCase(), dto.deal_id, userId],
    );
    return rows[0]?.id ?? null;
  }

  /** Whether the deal is one of the organization's. */
  async dealExists(manager: EntityManager, organizationId: string, dealId: string): Promise<boolean> {
    return (await manager.query(`SELECT 1 FROM deals WHERE organization_id = $1 AND id = $2`, [organizationId, dealId])).length > 0;
  }

  async autoApplySettings(organizationId: string): Promise<AutoApplySettings> {
    const [row] = await this.dataSource.query(`SELECT auto_apply_suggestions, suggestion_confidence_threshold FROM organizations WHERE id = $1`, [organizationId]);
    return { enabled: row?.auto_apply_suggestions ?? false, threshold: Number(row?.suggestion_confidence_threshold ?? 1) };
  }

  /** Organizations among these (all when none given) that turned auto-apply on. */
  async autoApplyOrganizations(ids?: string[]): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(`SELECT id FROM organizations WHERE auto_apply_suggestions AND ($1::uuid[] IS NULL OR id = ANY($1::uuid[])) ORDER BY id`, [ids ?? null]);
    return rows.map((r) => r.id);
  }

  /** The unmapped entries auto-apply may map: not locked, not undone before; newest first. */
  unmappedEntries(organizationId: string, limit = AUTO_APPLY_MAX_ENTRIES): Promise<(EntryText & { id: string })[]> {
    return this.dataSource.query(
      `SELECT id, project_name, tags, employee_id, user_id, activity_type FROM time_entries
        WHERE organization_id = $1 AND mapping_status = 'unmapped' AND approved_timesheet_id IS NULL AND unmapped_reason IS DISTINCT FROM $2
        ORDER BY start_time DESC, id DESC LIMIT $3`,
      [organizationId, SUGGESTION_UNDONE_REASON, limit],
    );
  }

  /** The entries with these ids, locked (in id order); `where` narrows them (SQL over `t`). */
  lock(manager: EntityManager, organizationId: string, ids: string[], where = 'TRUE'): Promise<Record<string, unknown>[]> {
    return manager.query(`SELECT * FROM time_entries t WHERE t.organization_id = $1 AND t.id = ANY($2::uuid[]) AND ${where} ORDER BY t.id FOR UPDATE`, [organizationId, ids]);
  }

  /** Maps each entry to its suggested deal (and the deal's account) as `suggestion`, if it is still unmapped; returns the entries as they are now. */
  async applySuggestions(manager: EntityManager, organizationId: string, picks: { id: string; deal_id: string }[]): Promise<Record<string, unknown>[]> {
    const [rows]: [Record<string, unknown>[], number] = await manager.query(
      `UPDATE time_entries t SET deal_id = p.deal_id, task_id = NULL, account_id = k.account_id, mapping_status = 'mapped', mapping_rule = $3,
              unmapped_reason = NULL, version = t.version + 1, updated_at = now()
         FROM jsonb_to_recordset($2::jsonb) AS p(id uuid, deal_id uuid)
         JOIN deals k ON k.organization_id = $1 AND k.id = p.deal_id
        WHERE t.organization_id = $1 AND t.id = p.id AND t.mapping_status = 'unmapped' AND t.approved_timesheet_id IS NULL
        RETURNING t.*`,
      [organizationId, JSON.stringify(picks), SUGGESTION_MAPPING_RULE],
    );
    return rows;
  }

  /** Puts an auto-applied entry back into the review queue (unmapped, never auto-applied again); returns it as it is now. */
  async undo(manager: EntityManager, organizationId: string, id: string): Promise<Record<string, unknown>> {
    const [rows]: [Record<string, unknown>[], number] = await manager.query(
      `UPDATE time_entries SET deal_id = NULL, task_id = NULL, account_id = NULL, mapping_status = 'unmapped', mapping_rule = NULL,
              unmapped_reason = $3, version = version + 1, updated_at = now()
        WHERE organization_id = $1 AND id = $2 RETURNING *`,
      [organizationId, id, SUGGESTION_UNDONE_REASON],
    );
    return rows[0];
  }
}

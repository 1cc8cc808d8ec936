import { ConflictException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditWriter, OutboxWriter, RequestContext } from '@clockwork/server-core';
import { rowToEntity, toTimeEntryDto } from '@clockwork/server-time-entries';
import type { AutoApplyResultDto, TimeEntryDto } from '@clockwork/shared-dto';
import type { AuditLog } from '@clockwork/shared-entities';
import { DataSource, EntityManager } from 'typeorm';
import { InsightsRepository } from './insights.repository';
import { MappingLearningRepository, SUGGESTION_MAPPING_RULE } from './mapping-learning.repository';
import { fitSuggestionModel, SUGGESTION_MAX_DECISIONS, suggestDeal } from './mapping-suggestions.rules';

const dto = (row: Record<string, unknown>): TimeEntryDto => toTimeEntryDto(rowToEntity(row));

/**
 * Auto-apply (an organization's `auto_apply_suggestions`, off by default): the unmapped entries
 * whose mapping suggestion reaches the organization's `confidence_threshold` are mapped to the
 * suggested deal as `suggestion`, each with an audit row (actor system, reason and confidence)
 * and a `time_entry.mapped` event in the same transaction. Undo puts one back into the review
 * queue (`unmapped`, reason `suggestion_undone`, never auto-applied again), audited.
 */
@Injectable()
export class SuggestionAutoApplyService {
  private readonly logger = new Logger(SuggestionAutoApplyService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly learning: MappingLearningRepository,
    private readonly insights: InsightsRepository,
    private readonly audit: AuditWriter,
    private readonly outbox: OutboxWriter,
    private readonly context: RequestContext,
  ) {}

  /** The worker's pass: every organization among these (all when none given) that turned auto-apply on. */
  async runAll(organizationIds?: string[]): Promise<{ organizations: number; applied: number; failed: number }> {
    let applied = 0;
    let failed = 0;
    const orgs = await this.learning.autoApplyOrganizations(organizationIds);
    for (const org of orgs) {
      try {
        applied += (await this.run(org)).applied;
      } catch (e) {
        failed++;
        this.logger.error(`Auto-apply of organization ${org} failed: ${(e as Error).message}`);
      }
    }
    return { organizations: orgs.length, applied, failed };
  }

  /** Applies the suggestions at or above the threshold to the organization's unmapped entries (nothing while the setting is off). */
  async run(organizationId: string): Promise<AutoApplyResultDto> {
    const settings = await this.learning.autoApplySettings(organizationId);
    const result = { enabled: settings.enabled, confidence_threshold: settings.threshold, applied: 0 };
    if (!settings.enabled) return result;
    const [decisions, entries] = await Promise.all([this.insights.mappingDecisions(organizationId, SUGGESTION_MAX_DECISIONS), this.learning.unmappedEntries(organizationId)]);
    const model = fitSuggestionModel(decisions);
    const open = await this.insights.openDealIds(organizationId, [...model.deals.keys()]);
    const picks = entries.flatMap((e) => {
      const s = suggestDeal(model, e, open);
      return s && s.confidence >= settings.threshold ? [{ id: e.id, deal_id: s.deal_id, confidence: s.confidence, because: s.because }] : [];
    });
    if (!picks.length) return result;
    result.applied = await this.dataSource.transaction(async (manager) => {
      const before = new Map((await this.learning.lock(manager, organizationId, picks.map((p) => p.id))).map((r) => [r.id as string, r]));
      const after = await this.learning.applySuggestions(manager, organizationId, picks.filter((p) => before.has(p.id)).map(({ id, deal_id }) => ({ id, deal_id })));
      const pick = new Map(picks.map((p) => [p.id, p]));
      await this.written(manager, organizationId, { type: 'system', id: null }, 'time_entry.mapped', before, after, (id) => ({ reason: 'suggestion', confidence: pick.get(id)?.confidence, because: pick.get(id)?.because }));
      return after.length;
    });
    return result;
  }

  /** Undoes an auto-applied suggestion: the entry goes back into the review queue; 409 when the entry is not auto-applied now. */
  undo(id: string): Promise<TimeEntryDto> {
    const org = this.context.organizationId;
    return this.dataSource.transaction(async (manager) => {
      const [before] = await this.learning.lock(manager, org, [id]);
      if (!before) throw new NotFoundException('Time entry not found');
      if (before.mapping_rule !== SUGGESTION_MAPPING_RULE) throw new ConflictException('This time entry was not mapped by an auto-applied suggestion (or it was changed since)');
      const after = await this.learning.undo(manager, org, id);
      const principal = this.context.principal;
      const actor = principal ? { type: principal.kind, id: principal.id } : { type: 'system' as const, id: null };
      await this.written(manager, org, actor, 'time_entry.unmapped', new Map([[id, before]]), [after], () => ({ reason: 'undo_suggestion' }));
      return dto(after);
    });
  }

  /** One audit row (with its reason) and one event per changed entry. */
  private async written(
    manager: EntityManager,
    org: string,
    actor: { type: AuditLog['actorType']; id: string | null },
    type: 'time_entry.mapped' | 'time_entry.unmapped',
    before: Map<string, Record<string, unknown>>,
    after: Record<string, unknown>[],
    details: (id: string) => Record<string, unknown>,
  ): Promise<void> {
    const entries = after.map((r) => ({ id: r.id as string, before: dto(before.get(r.id as string) as Record<string, unknown>), after: dto(r) }));
    await this.audit.recordMany(
      manager,
      org,
      actor,
      this.context.requestId ?? null,
      entries.map((e) => ({ action: 'update', objectType: 'time_entry', objectId: e.id, before: e.before, after: e.after, details: details(e.id) })),
    );
    await this.outbox.recordMany(manager, org, entries.map((e) => ({ type, aggregateType: 'time_entry', aggregateId: e.id, payload: e.after as unknown as Record<string, unknown> })));
  }
}

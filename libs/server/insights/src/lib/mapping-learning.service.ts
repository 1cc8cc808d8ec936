import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditWriter, RequestContext } from '@clockwork/server-core';
import { DEFAULT_SUGGESTED_RULE_MIN_DECISIONS, type DismissSuggestedRuleDto, type RulePrecisionListDto, type SuggestedRulesDto, type SuggestedRulesQueryDto } from '@clockwork/shared-dto';
import { DataSource } from 'typeorm';
import { MappingLearningRepository } from './mapping-learning.repository';
import { dismissalKey, suggestedRules } from './suggested-rules.rules';

/**
 * What the review decisions teach about mapping rules: each rule's precision (the entries it
 * mapped that stayed where it put them) and the rules people keep making by hand (suggested
 * rules, created through POST /mapping-rules, or dismissed here, audited).
 */
@Injectable()
export class MappingLearningService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: MappingLearningRepository,
    private readonly audit: AuditWriter,
    private readonly context: RequestContext,
  ) {}

  async rulePrecision(): Promise<RulePrecisionListDto> {
    return { data: await this.repository.rulePrecision(this.context.organizationId) };
  }

  async suggestedRules(query: SuggestedRulesQueryDto): Promise<SuggestedRulesDto> {
    const org = this.context.organizationId;
    const min = query.min_decisions ?? DEFAULT_SUGGESTED_RULE_MIN_DECISIONS;
    const [patterns, rules, dismissed] = await Promise.all([this.repository.patternCounts(org, min), this.repository.ruleCriteria(org), this.repository.dismissals(org)]);
    return { min_decisions: min, data: suggestedRules(patterns, rules, new Set(dismissed.map(dismissalKey)), min) };
  }

  /** Hides the suggestion from now on (audited once; dismissing it again changes nothing). */
  dismiss(dto: DismissSuggestedRuleDto): Promise<void> {
    const org = this.context.organizationId;
    return this.dataSource.transaction(async (manager) => {
      if (!(await this.repository.dealExists(manager, org, dto.deal_id))) {
        throw new UnprocessableEntityException({ message: 'deal_id is not a deal of this organization', details: [{ field: 'deal_id', errors: ['deal_id is not a deal of this organization'] }] });
      }
      const principal = this.context.principal;
      const id = await this.repository.dismiss(manager, org, dto, principal?.kind === 'user' ? principal.id : null);
      if (id) await this.audit.record(manager, { action: 'dismiss', objectType: 'suggested_rule', objectId: id, details: { kind: dto.kind, value: dto.value.toLowerCase(), deal_id: dto.deal_id } });
    });
  }
}

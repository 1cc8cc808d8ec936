import { Injectable } from '@nestjs/common';
import { RequestContext } from '@clockwork/server-core';
import type { MappingSuggestionsDto, MappingSuggestionsQueryDto } from '@clockwork/shared-dto';
import { InsightsRepository } from './insights.repository';
import { fitSuggestionModel, SUGGESTION_MAX_DECISIONS, suggestDeal } from './mapping-suggestions.rules';

/**
 * Suggestions of the review queue: the organization's own review decisions (its newest
 * SUGGESTION_MAX_DECISIONS entries mapped by hand) fit a naive Bayes model on each request, which
 * ranks the open deals those decisions went to for each asked entry.
 */
@Injectable()
export class MappingSuggestionsService {
  constructor(
    private readonly repository: InsightsRepository,
    private readonly context: RequestContext,
  ) {}

  async suggest(query: MappingSuggestionsQueryDto): Promise<MappingSuggestionsDto> {
    const organizationId = this.context.organizationId;
    const ids = [...new Set(query.entry_ids.map((id) => id.toLowerCase()))];
    const [decisions, entries] = await Promise.all([this.repository.mappingDecisions(organizationId, SUGGESTION_MAX_DECISIONS), this.repository.entryTexts(organizationId, ids)]);
    const model = fitSuggestionModel(decisions);
    const open = await this.repository.openDealIds(organizationId, [...model.deals.keys()]);
    const byId = new Map(entries.map((e) => [e.id, e]));
    return {
      decisions: model.decisions,
      data: ids.flatMap((id) => {
        const entry = byId.get(id);
        if (!entry) return [];
        const s = suggestDeal(model, entry, open);
        return [{ entry_id: id, deal_id: s?.deal_id ?? null, confidence: s?.confidence ?? null, because: s?.because ?? [] }];
      }),
    };
  }
}

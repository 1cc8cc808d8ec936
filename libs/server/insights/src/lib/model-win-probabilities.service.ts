import { Injectable } from '@nestjs/common';
import { DealWinProbabilities, OpenDealWinProbabilities } from '@clockwork/server-core';
import { InsightsRepository } from './insights.repository';
import { scoreDeal } from './win-model.rules';

/**
 * The insights side of the DealWinProbabilities port: the open deals scored now with the
 * organization's newest stored model, as GET /insights/win-probabilities scores them; null when
 * it has no model or its newest is a stage-rate fallback (too few closed deals, one outcome).
 */
@Injectable()
export class ModelWinProbabilitiesService extends DealWinProbabilities {
  constructor(private readonly repository: InsightsRepository) {
    super();
  }

  async ofOpenDeals(organizationId: string): Promise<OpenDealWinProbabilities | null> {
    const model = await this.repository.latestModel(organizationId);
    if (!model || model.fallback) return null;
    const open = await this.repository.dealFacts(organizationId, false, new Date());
    return {
      model_id: model.id,
      trained_at: new Date(model.trained_at).toISOString(),
      probabilities: new Map(open.map((f) => [f.deal_id, scoreDeal(model, f).probability])),
    };
  }
}

import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditWriter, RequestContext } from '@clockwork/server-core';
import { WIN_MODEL_MIN_CLOSED, WinModelDto, WinModelTrainQueuedDto, WinProbabilitiesDto, WinProbabilitiesQueryDto, WinProbabilityDto } from '@clockwork/shared-dto';
import { INSIGHTS_TRAIN_JOB, InsightsTrainJobData, QUEUES } from '@clockwork/shared-jobs';
import type { Queue } from 'bull';
import { DataSource } from 'typeorm';
import { InsightsRepository, StoredWinModel } from './insights.repository';
import { DealFacts, scoreDeal, stageOnlyModel, trainWinModel, WinModel } from './win-model.rules';

export const INSIGHTS_TRAIN_JOB_OPTIONS = { attempts: 1, removeOnComplete: 100, removeOnFail: 100 };

function note(m: WinModel | null, trained: boolean): string {
  if (!trained) return `No model trained yet: probabilities are the stage win rates of the ${m?.n_closed ?? 0} closed deals.`;
  if (!m || !m.fallback) return `Trained on ${m?.n_closed} closed deals; AUC and Brier score measured on ${m?.n_holdout} held out.`;
  if (m.n_closed < WIN_MODEL_MIN_CLOSED) return `Only ${m.n_closed} closed deals (a model needs ${WIN_MODEL_MIN_CLOSED}): probabilities are the stage win rates.`;
  return `The closed deals all have one outcome: probabilities are the stage win rates.`;
}

const toModelDto = (m: WinModel, stored: StoredWinModel | null): WinModelDto => ({
  id: stored?.id ?? null,
  trained_at: stored ? new Date(stored.trained_at).toISOString() : null,
  n_closed: m.n_closed,
  n_won: m.n_won,
  n_holdout: m.n_holdout,
  fallback: m.fallback,
  auc: m.auc,
  brier: m.brier,
  fallback_brier: m.fallback_brier,
  features: m.features,
  note: note(m, stored !== null),
});

const toProbability = (m: WinModel, f: DealFacts): WinProbabilityDto => {
  const score = scoreDeal(m, f);
  return { deal_id: f.deal_id, stage: f.stage, probability: score.probability, source: score.source, factors: score.factors };
};

/**
 * Win probabilities: training (a worker job; each run stores a model row and an audit row in
 * one transaction) and scoring of open deals with the organization's newest model (without
 * one, the stage win rates of its closed deals).
 */
@Injectable()
export class WinModelService {
  private readonly logger = new Logger(WinModelService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QUEUES.insights) private readonly queue: Queue<InsightsTrainJobData>,
    private readonly repository: InsightsRepository,
    private readonly audit: AuditWriter,
    private readonly context: RequestContext,
  ) {}

  /** Trains one organization's model on its closed deals (as of their close) and stores it. */
  async train(organizationId: string): Promise<WinModel> {
    const closed = await this.repository.dealFacts(organizationId, true, new Date());
    const model = trainWinModel(closed);
    await this.dataSource.transaction(async (manager) => {
      const id = await this.repository.saveModel(manager, organizationId, model);
      await this.audit.record(manager, {
        organizationId,
        actor: { type: 'system', id: null },
        action: 'train',
        objectType: 'win_model',
        objectId: id,
        details: { n_closed: model.n_closed, fallback: model.fallback, auc: model.auc, brier: model.brier },
      });
    });
    return model;
  }

  /** The nightly run: every organization with deals (one failing organization does not stop the others). */
  async trainAll(organizationId?: string): Promise<{ organizations: number; failed: number }> {
    const ids = organizationId ? [organizationId] : await this.repository.organizationIds();
    let failed = 0;
    for (const id of ids) {
      try {
        await this.train(id);
      } catch (e) {
        failed++;
        this.logger.warn(`Training the win model of organization ${id} failed: ${(e as Error).message}`);
      }
    }
    return { organizations: ids.length, failed };
  }

  /** `POST /insights/win-model/train`: audited, then queued (one waiting job per organization). */
  async requestTraining(): Promise<WinModelTrainQueuedDto> {
    const organizationId = this.context.organizationId;
    await this.dataSource.transaction((manager) => this.audit.record(manager, { action: 'request_training', objectType: 'win_model', objectId: null }));
    await this.queue.add(INSIGHTS_TRAIN_JOB, { organizationId }, { ...INSIGHTS_TRAIN_JOB_OPTIONS, jobId: `train:${organizationId}:${Date.now()}` });
    return { queued: true };
  }

  async model(): Promise<WinModelDto> {
    const { model, stored } = await this.current();
    return toModelDto(model, stored);
  }

  async probabilities(query: WinProbabilitiesQueryDto): Promise<WinProbabilitiesDto> {
    const { model, stored } = await this.current();
    const open = await this.repository.dealFacts(this.context.organizationId, false, new Date(), { accountId: query.account_id, ownerId: query.owner_id });
    const deals = open.map((f) => toProbability(model, f));
    const byCurrency = new Map<string, { value: number; weighted: number }>();
    open.forEach((f, i) => {
      const sum = byCurrency.get(f.currency) ?? { value: 0, weighted: 0 };
      sum.value += Math.round(f.value * 100);
      sum.weighted += f.value * 100 * deals[i].probability;
      byCurrency.set(f.currency, sum);
    });
    const weighted = [...byCurrency.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, s]) => ({ currency, value: (s.value / 100).toFixed(2), weighted_value: (Math.round(s.weighted) / 100).toFixed(2) }));
    return { model: toModelDto(model, stored), deals, weighted };
  }

  /** One deal: an open deal scored; a closed one is its outcome (1 won, 0 lost). 404 outside the organization. */
  async probability(dealId: string): Promise<WinProbabilityDto> {
    const organizationId = this.context.organizationId;
    const [open] = await this.repository.dealFacts(organizationId, false, new Date(), { dealId });
    if (open) return toProbability((await this.current()).model, open);
    const [closed] = await this.repository.dealFacts(organizationId, true, new Date(), { dealId });
    if (!closed) throw new NotFoundException('Deal not found');
    return { deal_id: dealId, stage: closed.outcome === 1 ? 'won' : 'lost', probability: closed.outcome as number, source: 'outcome', factors: [] };
  }

  /** The newest stored model, else the stage win rates of the closed deals (computed now). */
  private async current(): Promise<{ model: WinModel; stored: StoredWinModel | null }> {
    const organizationId = this.context.organizationId;
    const stored = await this.repository.latestModel(organizationId);
    if (stored) return { model: stored, stored };
    return { model: stageOnlyModel(await this.repository.dealFacts(organizationId, true, new Date())), stored: null };
  }
}

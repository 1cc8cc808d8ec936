/** The probabilities of an organization's open deals from its newest trained win model. */
export interface OpenDealWinProbabilities {
  model_id: string;
  trained_at: string;
  /** deal id → probability of winning (0..1), every open deal the model scored. */
  probabilities: Map<string, number>;
}

/**
 * A port: the win probabilities of open deals, which the insights lib provides (its win model)
 * and the reports lib reads (the weighted pipeline) without either importing the other.
 */
export abstract class DealWinProbabilities {
  /** null when the organization has no trained model (none stored, or the newest is a stage-rate fallback). */
  abstract ofOpenDeals(organizationId: string): Promise<OpenDealWinProbabilities | null>;
}

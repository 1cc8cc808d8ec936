/**
 * Mapping that learns: a multinomial naive Bayes per organization over the tokens of a time
 * entry (words of its project name, the whole name, its tags, its person and its activity type)
 * → the deal a reviewer assigned it to. It is fitted on the organization's own review decisions
 * (entries mapped by hand, `mapping_rule = 'manual'`) every time suggestions are asked for, so a
 * decision counts from the next request on; nothing of another organization is ever read.
 */

/** The parts of a time entry the model reads. */
export interface EntryText {
  project_name: string | null;
  tags: string[];
  employee_id: string | null;
  user_id: string | null;
  activity_type: string;
}

/** A review decision: an entry and the deal it was assigned to. */
export interface MappingDecision extends EntryText {
  deal_id: string;
}

/** Laplace smoothing of the token counts. */
export const SUGGESTION_ALPHA = 1;
/** The newest decisions the model is fitted on. */
export const SUGGESTION_MAX_DECISIONS = 5000;

/** The tokens of an entry, each prefixed by where it comes from (a tag `design` and the word `design` differ). */
export function entryTokens(e: EntryText): string[] {
  const tokens = new Set<string>();
  const name = (e.project_name ?? '').trim().toLowerCase();
  if (name) {
    tokens.add(`name:${name}`);
    for (const word of name.split(/[^\p{L}\p{N}]+/u)) if (word.length >= 2) tokens.add(`word:${word}`);
  }
  for (const tag of e.tags) if (tag.trim()) tokens.add(`tag:${tag.trim().toLowerCase()}`);
  if (e.user_id) tokens.add(`user:${e.user_id}`);
  else if (e.employee_id) tokens.add(`employee:${e.employee_id}`);
  tokens.add(`type:${e.activity_type}`);
  return [...tokens];
}

export interface SuggestionModel {
  decisions: number;
  /** Per deal: its decisions, its token occurrences and the count of each token. */
  deals: Map<string, { decisions: number; tokens: number; counts: Map<string, number> }>;
  vocabulary: Set<string>;
}

export function fitSuggestionModel(decisions: readonly MappingDecision[]): SuggestionModel {
  const deals: SuggestionModel['deals'] = new Map();
  const vocabulary = new Set<string>();
  for (const d of decisions) {
    const deal = deals.get(d.deal_id) ?? { decisions: 0, tokens: 0, counts: new Map<string, number>() };
    deal.decisions++;
    for (const t of entryTokens(d)) {
      deal.counts.set(t, (deal.counts.get(t) ?? 0) + 1);
      deal.tokens++;
      vocabulary.add(t);
    }
    deals.set(d.deal_id, deal);
  }
  return { decisions: decisions.length, deals, vocabulary };
}

export interface Suggestion {
  deal_id: string;
  /** The posterior probability of the deal among the candidates (0..1). */
  confidence: number;
  /** The entry's tokens that pointed most to this deal rather than the runner-up (seen with it in past decisions), strongest first. */
  because: string[];
}

/**
 * The best deal for an entry among `candidates` (deals the entry may still go to: open ones), or
 * null when the organization has no decision yet or none of the entry's tokens was ever seen.
 */
export function suggestDeal(model: SuggestionModel, entry: EntryText, candidates: ReadonlySet<string>): Suggestion | null {
  const tokens = entryTokens(entry).filter((t) => model.vocabulary.has(t));
  const deals = [...model.deals.entries()].filter(([id]) => candidates.has(id));
  if (!tokens.length || !deals.length) return null;
  const v = model.vocabulary.size;
  const total = deals.reduce((s, [, d]) => s + d.decisions, 0);
  const logLikelihood = (d: { tokens: number; counts: Map<string, number> }, t: string) => Math.log(((d.counts.get(t) ?? 0) + SUGGESTION_ALPHA) / (d.tokens + SUGGESTION_ALPHA * v));
  const scored = deals.map(([id, d]) => ({ id, d, score: Math.log(d.decisions / total) + tokens.reduce((s, t) => s + logLikelihood(d, t), 0) }));
  scored.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
  const [best, runnerUp] = scored;
  const z = scored.reduce((s, x) => s + Math.exp(x.score - best.score), 0);
  // How much each token pointed to the best deal rather than the next one (its log-likelihood ratio).
  const push = (t: string) => logLikelihood(best.d, t) - (runnerUp ? logLikelihood(runnerUp.d, t) : Math.log(1 / v));
  const because = tokens
    .filter((t) => (best.d.counts.get(t) ?? 0) > 0 && push(t) > 0)
    .sort((a, b) => push(b) - push(a) || a.localeCompare(b))
    .slice(0, 3);
  if (!because.length) return null;
  return { deal_id: best.id, confidence: Math.round((1 / z) * 10000) / 10000, because };
}

/**
 * Scores of probabilistic predictions against outcomes (1: won, 0: lost), pure functions.
 *
 * AUC: the probability that a random positive scores above a random negative (ties count a
 * half), computed from average ranks (Mann–Whitney U). Brier: the mean squared difference
 * between the probability and the outcome.
 */
export function auc(probabilities: readonly number[], outcomes: readonly number[]): number | null {
  const n = probabilities.length;
  const positives = outcomes.filter((o) => o === 1).length;
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return null;
  const order = probabilities.map((p, i) => ({ p, o: outcomes[i] })).sort((a, b) => a.p - b.p);
  let rankSum = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && order[j + 1].p === order[i].p) j++;
    // Ranks i+1 .. j+1 share their average.
    const rank = (i + 1 + j + 1) / 2;
    for (let k = i; k <= j; k++) if (order[k].o === 1) rankSum += rank;
    i = j + 1;
  }
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

export function brier(probabilities: readonly number[], outcomes: readonly number[]): number | null {
  if (probabilities.length === 0) return null;
  return probabilities.reduce((s, p, i) => s + (p - outcomes[i]) ** 2, 0) / probabilities.length;
}

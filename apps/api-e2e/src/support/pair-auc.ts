/**
 * AUC by counting pairs, independent of any library's rank formula: the share of (positive,
 * negative) pairs in which the positive one scores higher, ties counting a half.
 */
export function pairAuc(scores: number[], positive: boolean[]): number {
  let wins = 0;
  let pairs = 0;
  scores.forEach((p, i) => {
    if (!positive[i]) return;
    scores.forEach((q, j) => {
      if (positive[j]) return;
      pairs++;
      wins += p > q ? 1 : p === q ? 0.5 : 0;
    });
  });
  return wins / pairs;
}

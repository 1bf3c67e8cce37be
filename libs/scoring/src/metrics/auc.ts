/**
 * Area under the ROC curve by ranks (the Mann-Whitney U statistic over n+ x n- pairs): the
 * probability that a random responder is scored above a random non-responder, ties counting one
 * half (Hanley & McNeil 1982). O(n log n), one index sort; no per-row objects.
 *
 * Returns NaN when either class is empty (the AUC is undefined then, not 0.5).
 */
export function rankAuc(scores: Float64Array, labels: Uint8Array, rows: Uint32Array | null = null): number {
  const n = rows ? rows.length : scores.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = rows ? rows[i]! : i;
  order.sort((a, b) => scores[a]! - scores[b]!);
  let positives = 0;
  let positiveRankSum = 0;
  let i = 0;
  while (i < n) {
    // A run of tied scores shares the mean of the ranks it spans (1-based).
    let j = i + 1;
    const score = scores[order[i]!]!;
    while (j < n && scores[order[j]!] === score) j++;
    const meanRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) {
      if (labels[order[k]!]) {
        positives++;
        positiveRankSum += meanRank;
      }
    }
    i = j;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (positiveRankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** MRR@k, nDCG@k (graded gains) and recall@k of ranked ids against judgments. */
export interface Scores {
  mrr: number;
  ndcg: number;
  recall: number;
  /** Share of queries with a relevant id in the first `hitAt`. */
  hit: number;
}

export function score(
  runs: { ranked: string[]; relevant: Record<string, number> }[],
  k = 10,
  hitAt = 3,
): Scores {
  let mrr = 0;
  let ndcg = 0;
  let recall = 0;
  let hit = 0;
  for (const { ranked, relevant } of runs) {
    const top = ranked.slice(0, k);
    const first = top.findIndex((id) => (relevant[id] ?? 0) > 0);
    if (first >= 0) mrr += 1 / (first + 1);
    if (first >= 0 && first < hitAt) hit += 1;
    const dcg = top.reduce((s, id, i) => s + (2 ** (relevant[id] ?? 0) - 1) / Math.log2(i + 2), 0);
    const ideal = Object.values(relevant)
      .sort((a, b) => b - a)
      .slice(0, k)
      .reduce((s, g, i) => s + (2 ** g - 1) / Math.log2(i + 2), 0);
    ndcg += ideal > 0 ? dcg / ideal : 0;
    const judged = Object.values(relevant).filter((g) => g > 0).length;
    recall += judged > 0 ? top.filter((id) => (relevant[id] ?? 0) > 0).length / judged : 0;
  }
  const n = Math.max(runs.length, 1);
  return { mrr: mrr / n, ndcg: ndcg / n, recall: recall / n, hit: hit / n };
}

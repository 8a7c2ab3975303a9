/**
 * The plain BM25 the product is compared with, computed in the bench: Lucene's idf
 * ln(1 + (N − df + 0.5) / (df + 0.5)), k1 1.2, b 0.75, the title counted twice, lower-cased letter and
 * digit tokens, no stemming, no stop words (Elasticsearch's default analyzer and similarity).
 */
import type { Article } from './collections.js';

const K1 = 1.2;
const B = 0.75;

export function tokens(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

export interface Bm25Index {
  search(query: string, limit: number): string[];
}

export function bm25Index(articles: Article[]): Bm25Index {
  const docs = articles.map((a) => {
    const tf = new Map<string, number>();
    const words = tokens(`${a.title} ${a.title} ${a.body}`);
    for (const w of words) tf.set(w, (tf.get(w) ?? 0) + 1);
    return { id: a.id, tf, length: words.length };
  });
  const avgdl = docs.reduce((s, d) => s + d.length, 0) / Math.max(docs.length, 1);
  const df = new Map<string, number>();
  for (const d of docs) for (const w of d.tf.keys()) df.set(w, (df.get(w) ?? 0) + 1);
  const idf = (w: string) => {
    const n = df.get(w) ?? 0;
    return Math.log(1 + (docs.length - n + 0.5) / (n + 0.5));
  };
  return {
    search(query, limit) {
      const terms = [...new Set(tokens(query))];
      const scored: { id: string; score: number }[] = [];
      for (const d of docs) {
        let score = 0;
        for (const t of terms) {
          const f = d.tf.get(t);
          if (!f) continue;
          score += (idf(t) * f * (K1 + 1)) / (f + K1 * (1 - B + (B * d.length) / avgdl));
        }
        if (score > 0) scored.push({ id: d.id, score });
      }
      return scored
        .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1))
        .slice(0, limit)
        .map((s) => s.id);
    },
  };
}

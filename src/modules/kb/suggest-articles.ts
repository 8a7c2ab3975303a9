/**
 * Articles that may answer a ticket while it is being written: the subject and the start of the
 * description searched like a help-centre query (every word, else any word with typo correction,
 * ranked), the top five. Suggestions never count as searches that found nothing.
 */
import type { Tx } from '../../db/tenant.js';
import { searchArticles, type SearchHit } from './search-articles.js';

export const SUGGESTIONS = 5;

/** Words only: the ticket text is prose, not web-search syntax. */
function asQuery(subject: string, description: string): string {
  return `${subject} ${description}`
    .replace(/["\-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export async function suggestArticles(
  tx: Tx,
  input: { workspaceId: number; subject: string; description: string; language: string },
): Promise<{ results: SearchHit[]; corrected: boolean }> {
  const query = asQuery(input.subject, input.description);
  if (!query) return { results: [], corrected: false };
  const found = await searchArticles(tx, {
    workspaceId: input.workspaceId,
    query,
    language: input.language,
    limit: SUGGESTIONS,
    recordMiss: false,
  });
  return { results: found.hits, corrected: found.corrected };
}

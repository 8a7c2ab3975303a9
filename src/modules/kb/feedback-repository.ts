/**
 * SQL of views and votes. Every counter moves in a single UPDATE … SET x = x ± 1 in the transaction
 * that inserted (or changed) the view or vote row, so counts and rows never disagree.
 */
import { sql } from 'kysely';
import type { Tx } from '../../db/tenant.js';

/** Inserts today's view of a visitor; false when it was already counted. */
export async function insertView(
  tx: Tx,
  v: { workspaceId: number; articleId: number; visitorHash: string; day: string },
): Promise<boolean> {
  const row = await tx
    .insertInto('kb_article_views')
    .values({ workspace_id: v.workspaceId, article_id: v.articleId, visitor_hash: v.visitorHash, day: v.day })
    .onConflict((oc) => oc.doNothing())
    .returning('article_id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function incrementViews(tx: Tx, workspaceId: number, articleId: number): Promise<number> {
  const row = await tx
    .updateTable('knowledge_articles')
    .set((eb) => ({ view_count: eb('view_count', '+', 1) }))
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', articleId)
    .returning('view_count')
    .executeTakeFirstOrThrow();
  return row.view_count;
}

/** The visitor's vote on an article, locked for a change in this transaction. */
export async function voteOf(
  tx: Tx,
  workspaceId: number,
  articleId: number,
  visitorHash: string,
  lock = false,
): Promise<boolean | null> {
  let q = tx
    .selectFrom('kb_article_votes')
    .select('helpful')
    .where('workspace_id', '=', workspaceId)
    .where('article_id', '=', articleId)
    .where('visitor_hash', '=', visitorHash);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row ? row.helpful : null;
}

/** Inserts a first vote; false when the visitor had voted (a concurrent request won). */
export async function insertVote(
  tx: Tx,
  v: { workspaceId: number; articleId: number; visitorHash: string; helpful: boolean; at: Date },
): Promise<boolean> {
  const row = await tx
    .insertInto('kb_article_votes')
    .values({
      workspace_id: v.workspaceId,
      article_id: v.articleId,
      visitor_hash: v.visitorHash,
      helpful: v.helpful,
      created_at: v.at,
      updated_at: v.at,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('article_id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function changeVote(
  tx: Tx,
  v: { workspaceId: number; articleId: number; visitorHash: string; helpful: boolean; at: Date },
): Promise<void> {
  await tx
    .updateTable('kb_article_votes')
    .set({ helpful: v.helpful, updated_at: v.at })
    .where('workspace_id', '=', v.workspaceId)
    .where('article_id', '=', v.articleId)
    .where('visitor_hash', '=', v.visitorHash)
    .execute();
}

export async function deleteVote(tx: Tx, workspaceId: number, articleId: number, visitorHash: string) {
  await tx
    .deleteFrom('kb_article_votes')
    .where('workspace_id', '=', workspaceId)
    .where('article_id', '=', articleId)
    .where('visitor_hash', '=', visitorHash)
    .execute();
}

/** Moves the counters by the given steps (+1, -1 or 0) in one statement; returns the new counts. */
export async function moveVoteCounts(
  tx: Tx,
  workspaceId: number,
  articleId: number,
  helpfulStep: number,
  notHelpfulStep: number,
): Promise<{ helpful_count: number; not_helpful_count: number }> {
  return tx
    .updateTable('knowledge_articles')
    .set({
      helpful_count: sql<number>`helpful_count + ${helpfulStep}::int`,
      not_helpful_count: sql<number>`not_helpful_count + ${notHelpfulStep}::int`,
    })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', articleId)
    .returning(['helpful_count', 'not_helpful_count'])
    .executeTakeFirstOrThrow();
}

/** Forgets views older than `before` ('YYYY-MM-DD'): they only de-duplicate within a day. */
export async function deleteViewsBefore(tx: Tx, before: string): Promise<number> {
  const res = await tx.deleteFrom('kb_article_views').where('day', '<', before).executeTakeFirst();
  return Number(res.numDeletedRows);
}

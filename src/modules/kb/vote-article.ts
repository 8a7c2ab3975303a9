/**
 * "Was this article helpful?": one vote per visitor and article. Voting again with the other answer
 * moves the vote from one counter to the other; the same answer again changes nothing. Counters move in
 * the vote's transaction (single UPDATE … SET x = x ± 1).
 */
import type { Tx } from '../../db/tenant.js';
import { notFound } from '../../platform/errors.js';
import * as feedback from './feedback-repository.js';
import { isVisible, loadPublicKb } from './public-kb.js';
import * as repo from './repository.js';

export interface VoteResult {
  id: number;
  helpful_count: number;
  not_helpful_count: number;
  your_vote: boolean;
}

export async function voteOnArticle(
  tx: Tx,
  input: { workspaceId: number; articleId: number; helpful: boolean; voterHash: string; now: Date },
): Promise<VoteResult> {
  const { workspaceId, articleId, helpful, voterHash, now } = input;
  const kb = await loadPublicKb(tx, workspaceId);
  const article = await repo.findArticle(tx, workspaceId, articleId);
  if (!article || !isVisible(kb, article)) throw notFound('article');
  const vote = { workspaceId, articleId, visitorHash: voterHash, helpful, at: now };

  let previous = await feedback.voteOf(tx, workspaceId, articleId, voterHash, true);
  if (previous === null) {
    if (await feedback.insertVote(tx, vote)) {
      const counts = await feedback.moveVoteCounts(
        tx,
        workspaceId,
        articleId,
        helpful ? 1 : 0,
        helpful ? 0 : 1,
      );
      return { id: articleId, ...counts, your_vote: helpful };
    }
    // A concurrent request of the same visitor inserted first: this one is a change of that vote.
    previous = await feedback.voteOf(tx, workspaceId, articleId, voterHash, true);
  }
  if (previous === helpful || previous === null) {
    return {
      id: articleId,
      helpful_count: article.helpful_count,
      not_helpful_count: article.not_helpful_count,
      your_vote: helpful,
    };
  }
  await feedback.changeVote(tx, vote);
  const counts = await feedback.moveVoteCounts(
    tx,
    workspaceId,
    articleId,
    helpful ? 1 : -1,
    helpful ? -1 : 1,
  );
  return { id: articleId, ...counts, your_vote: helpful };
}

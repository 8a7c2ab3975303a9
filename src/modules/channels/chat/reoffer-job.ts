/**
 * `chat.reoffer`: queued with every offer for the offer timeout. When it runs and the chat is still
 * waiting on that very offer (same round, nobody answered), the chat is offered to the next agent, or
 * after MAX_ROUNDS goes on by email. A job of an older round finds the round moved on and does nothing,
 * so retries and late runs are harmless.
 */
import type { Database } from '../../../db/client.js';
import { inWorkspace } from '../../../db/tenant.js';
import type { JobDefinition, JobQueue } from '../../../platform/jobs/queue.js';
import type { Logger } from '../../../platform/logger.js';
import { loadChannelSettings } from '../settings/channel-settings.js';
import { chatAvailability } from './availability.js';
import { continueByEmail } from './fallback.js';
import { MAX_ROUNDS, offerChat } from './offer-chat.js';
import { lockConversation } from './repository.js';

export type ReofferOutcome = 'stale' | 'offered' | 'waiting' | 'email';

export async function reofferChat(
  deps: { db: Database; jobs: JobQueue; now: () => Date },
  payload: { workspaceId: number; conversationId: number; round: number },
): Promise<ReofferOutcome> {
  return inWorkspace(deps.db, payload.workspaceId, async (tx) => {
    const conv = await lockConversation(tx, payload.workspaceId, payload.conversationId);
    if (!conv || conv.offer_round !== payload.round) return 'stale';
    if (conv.status !== 'offered' && conv.status !== 'waiting') return 'stale';
    const now = deps.now();
    const settings = await loadChannelSettings(tx, payload.workspaceId);
    const ctx = { tx, jobs: deps.jobs, now, settings };
    const nobody = !(await chatAvailability(tx, payload.workspaceId, settings)).available;
    if (conv.offer_round >= MAX_ROUNDS || nobody) {
      await continueByEmail(ctx, conv);
      return 'email';
    }
    const next = await offerChat(ctx, conv, conv.offered_to_id);
    return next.status === 'offered' ? 'offered' : 'waiting';
  });
}

export function reofferChatJob(deps: {
  db: Database;
  jobs: JobQueue;
  log: Logger;
  now: () => Date;
}): JobDefinition<'chat.reoffer'> {
  return {
    name: 'chat.reoffer',
    retryLimit: 5,
    retryDelaySeconds: 5,
    retryBackoff: true,
    async handler(payload) {
      const outcome = await reofferChat(deps, payload);
      deps.log.debug({ ...payload, outcome }, 'chat re-offer');
    },
  };
}

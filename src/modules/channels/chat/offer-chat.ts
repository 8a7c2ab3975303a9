/**
 * Offering a chat to an agent. With a chat team, the team's routing rules (assignment's routeToTeam:
 * round robin or least open, availability, caps) pick the agent and the ticket is assigned to them: that
 * is the offer. Without a team the chat waits for any available agent of the workspace. Either way a
 * `chat.reoffer` job is queued for the offer timeout: if nobody answered by then, the agent who let it
 * pass is skipped and the next one is offered it (a pg-boss job, so it happens whichever process runs).
 * After MAX_ROUNDS unanswered offers, or when no agent is available at all, the chat goes on by email.
 */
import type { ChannelSettings, ChatConversation, ChatStatus } from '../../../db/schema.js';
import type { Tx } from '../../../db/tenant.js';
import { recordEvent } from '../../../platform/events.js';
import type { JobQueue } from '../../../platform/jobs/queue.js';
import { routeToTeam, teamAvailability } from '../../assignment/index.js';
import { setConversation } from './repository.js';

declare module '../../../platform/jobs/queue.js' {
  interface JobPayloads {
    'chat.reoffer': { workspaceId: number; conversationId: number; round: number };
  }
}

export const MAX_ROUNDS = 10;

export interface OfferContext {
  tx: Tx;
  jobs: JobQueue;
  now: Date;
  settings: ChannelSettings;
}

/** Records the conversation's new status as an event (the desk and the widget follow it live). */
export async function recordChatStatus(
  tx: Tx,
  conv: ChatConversation,
  status: ChatStatus,
  agentId: number | null,
): Promise<void> {
  await recordEvent(tx, {
    workspaceId: conv.workspace_id,
    type: 'chat.status_changed',
    subjectId: conv.ticket_id,
    payload: { ticket_id: conv.ticket_id, conversation_id: conv.id, status, agent_id: agentId },
  });
}

/**
 * Offers the chat (the first time, or again after a timeout with `passOver` the agent who let it pass).
 * Returns the conversation as it is now.
 */
export async function offerChat(
  ctx: OfferContext,
  conv: ChatConversation,
  passOver: number | null = null,
): Promise<ChatConversation> {
  const { tx, now, settings } = ctx;
  const round = conv.offer_round + 1;
  const teamId = settings.chat_team_id;
  let passed = passOver !== null ? [...new Set([...conv.passed_over_ids, passOver])] : conv.passed_over_ids;
  let offeredTo: number | null = null;
  if (teamId !== null) {
    const available = await teamAvailability(tx, conv.workspace_id, teamId);
    // Everyone available let it pass once: start a new lap (but not straight back to the last one).
    if (available.userIds.length > 0 && available.userIds.every((id) => passed.includes(id))) {
      passed = passOver !== null && available.userIds.length > 1 ? [passOver] : [];
    }
    const routed = await routeToTeam(tx, {
      workspaceId: conv.workspace_id,
      ticketId: conv.ticket_id,
      teamId,
      reason: round === 1 ? 'live chat' : 'live chat offered again: not answered in time',
      now,
      actor: {},
      exclude: passed,
    });
    offeredTo = routed.outcome === 'queued' ? null : routed.ticket.assigned_to_id;
  }
  const status: ChatStatus = offeredTo !== null ? 'offered' : 'waiting';
  const next = await setConversation(tx, conv.workspace_id, conv.id, {
    status,
    team_id: teamId,
    offered_to_id: offeredTo,
    offered_at: now,
    offer_round: round,
    passed_over_ids: passed,
  });
  await recordChatStatus(tx, next, status, offeredTo);
  await ctx.jobs.enqueue(
    tx,
    'chat.reoffer',
    { workspaceId: conv.workspace_id, conversationId: conv.id, round },
    { startAfterSeconds: settings.chat_offer_timeout_seconds, singletonKey: `chat-${conv.id}-${round}` },
  );
  return next;
}

/**
 * Whether a visitor can chat now and how long they would wait, from the agents' availability and the
 * chat team's capacity (assignment's teamAvailability: the same rules routing applies).
 * - Nobody available: no live chat; the conversation goes on by email.
 * - Someone below their cap and fewer chats waiting than such agents: about the usual answer time (the
 *   median over the last 20 answered chats; 30 s before there are any).
 * - Everyone at their cap: the chats ahead, shared by the available agents, each taking a usual chat
 *   length (5 min) to free a slot.
 */
import type { ChannelSettings } from '../../../db/schema.js';
import type { Tx } from '../../../db/tenant.js';
import { teamAvailability } from '../../assignment/index.js';
import { countWaiting, medianAnswerSeconds } from './repository.js';

export const DEFAULT_ANSWER_SECONDS = 30;
export const CHAT_SLOT_SECONDS = 300;

export interface ChatAvailability {
  enabled: boolean;
  available: boolean;
  agents_available: number;
  /** Chats waiting for an agent before a new one. */
  queue: number;
  /** null when nobody is available (the chat would go on by email). */
  expected_wait_seconds: number | null;
}

export async function chatAvailability(
  tx: Tx,
  workspaceId: number,
  settings: ChannelSettings,
): Promise<ChatAvailability> {
  if (!settings.chat_enabled) {
    return { enabled: false, available: false, agents_available: 0, queue: 0, expected_wait_seconds: null };
  }
  const team = await teamAvailability(tx, workspaceId, settings.chat_team_id);
  const queue = await countWaiting(tx, workspaceId);
  if (team.available === 0) {
    return { enabled: true, available: false, agents_available: 0, queue, expected_wait_seconds: null };
  }
  const answer = (await medianAnswerSeconds(tx, workspaceId)) ?? DEFAULT_ANSWER_SECONDS;
  const wait =
    queue < team.withCapacity
      ? answer
      : answer + Math.ceil((queue - team.withCapacity + 1) / team.available) * CHAT_SLOT_SECONDS;
  return {
    enabled: true,
    available: true,
    agents_available: team.available,
    queue,
    expected_wait_seconds: wait,
  };
}

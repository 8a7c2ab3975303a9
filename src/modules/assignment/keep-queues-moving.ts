/**
 * The queue side of a ticket change (status or assignment): capacity an agent got back goes to the
 * waiting tickets of their teams, and a ticket that just landed in an automatic team's queue is handed
 * out. Runs in the change's transaction, after the ticket row was written and while it is still locked.
 */
import type { SupportTicket } from '../../db/schema.js';
import type { Tx } from '../../db/tenant.js';
import type { Actor } from '../../platform/events.js';
import { drainQueuesOf, drainTeamQueue } from './drain-team-queue.js';
import { isOpenStatus } from './pick-agent.js';

/** Call after a ticket changed status or hands; cheap when no automatic team is involved. */
export async function keepQueuesMoving(
  tx: Tx,
  change: { before: SupportTicket; after: SupportTicket; now: Date; actor: Actor },
): Promise<void> {
  const { before, after, now, actor } = change;
  const workspaceId = before.workspace_id;
  const freed = before.assigned_to_id;
  if (
    freed !== null &&
    isOpenStatus(before.status) &&
    !(after.assigned_to_id === freed && isOpenStatus(after.status))
  ) {
    await drainQueuesOf(tx, { workspaceId, userId: freed, now, actor });
  }
  const queued = (t: SupportTicket) =>
    t.team_id !== null && t.assigned_to_id === null && isOpenStatus(t.status);
  if (after.team_id !== null && queued(after) && !(queued(before) && before.team_id === after.team_id)) {
    await drainTeamQueue(tx, { workspaceId, teamId: after.team_id, now, actor });
  }
}

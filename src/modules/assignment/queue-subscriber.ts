/**
 * Team queues after a status change, as an event subscriber: a ticket that left the open statuses gives
 * its agent's capacity back to the waiting tickets of their teams; a ticket reopened without an agent in
 * an automatic team's queue is handed out. Runs after the status change committed (the change's own
 * transaction no longer waits for routing), once per event across processes; draining is idempotent —
 * a repeated event finds nothing more to hand out, and the `assignment.sweep` job stays the safety net.
 *
 * Assignment changes keep moving the queues in their own transaction (assign-ticket.ts): there the
 * queue is the state being changed.
 */
import type { Database } from '../../db/client.js';
import { inWorkspace } from '../../db/tenant.js';
import type { EventSubscriber, StoredEvent } from '../../platform/events/subscriber.js';
import { drainQueuesOf, drainTeamQueue } from './drain-team-queue.js';
import { isOpenStatus } from './pick-agent.js';

export interface QueueSubscriberDeps {
  db: Database;
  now?: () => Date;
}

export function queueSubscriber(deps: QueueSubscriberDeps): EventSubscriber {
  const now = deps.now ?? (() => new Date());
  return {
    name: 'team-queues',
    types: ['ticket.status_changed'],
    async handle(event) {
      await inWorkspace(deps.db, event.workspaceId, (tx) => moveQueues(tx, event, now()));
    },
  };
}

async function moveQueues(tx: Parameters<typeof drainTeamQueue>[0], event: StoredEvent, now: Date) {
  const from = String(event.payload.from);
  const to = String(event.payload.to);
  const ticket = await tx
    .selectFrom('support_tickets')
    .select(['assigned_to_id', 'team_id', 'status'])
    .where('workspace_id', '=', event.workspaceId)
    .where('id', '=', event.subjectId)
    .executeTakeFirst();
  if (!ticket) return;
  const input = { workspaceId: event.workspaceId, now, actor: {} };
  if (isOpenStatus(from) && !isOpenStatus(to) && ticket.assigned_to_id !== null) {
    await drainQueuesOf(tx, { ...input, userId: ticket.assigned_to_id });
  }
  if (!isOpenStatus(from) && isOpenStatus(to) && ticket.team_id !== null && ticket.assigned_to_id === null) {
    await drainTeamQueue(tx, { ...input, teamId: ticket.team_id });
  }
}

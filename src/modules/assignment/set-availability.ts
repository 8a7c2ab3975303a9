/**
 * A staff member's availability for automatic assignment: `available` (takes tickets), `away` or
 * `offline` (skipped by routing; their tickets stay theirs). Becoming available drains the queues of
 * their automatic teams, oldest ticket first, up to their cap — in the same transaction, so a ticket is
 * never handed out twice (see drain-team-queue.ts).
 */
import type { Availability } from '../../db/schema.js';
import type { Tx } from '../../db/tenant.js';
import { notFound } from '../../platform/errors.js';
import { recordEvent, type Actor } from '../../platform/events.js';
import { drainQueuesOf } from './drain-team-queue.js';
import { OPEN_STATUSES } from './pick-agent.js';

export interface AvailabilityView {
  user: { id: number; name: string; email: string };
  availability: Availability;
  changed_at: Date | null;
  /** Open tickets (new/open/pending/on_hold) assigned to them. */
  open_tickets: number;
  teams: { id: number; name: string; assignment_mode: string }[];
}

/** The member's availability, load and teams (404 for someone who is not staff of the workspace). */
export async function getAvailability(
  tx: Tx,
  workspaceId: number,
  userId: number,
): Promise<AvailabilityView> {
  const row = await tx
    .selectFrom('workspace_memberships as wm')
    .innerJoin('users as u', 'u.id', 'wm.user_id')
    .select((eb) => [
      'u.id',
      'u.name',
      'u.email',
      'wm.availability',
      'wm.availability_changed_at',
      eb
        .selectFrom('support_tickets as t')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('t.workspace_id', '=', 'wm.workspace_id')
        .whereRef('t.assigned_to_id', '=', 'wm.user_id')
        .where('t.status', 'in', OPEN_STATUSES)
        .as('open'),
    ])
    .where('wm.workspace_id', '=', workspaceId)
    .where('wm.user_id', '=', userId)
    .executeTakeFirst();
  if (!row) throw notFound('user');
  const teams = await tx
    .selectFrom('support_team_members as tm')
    .innerJoin('support_teams as t', 't.id', 'tm.team_id')
    .select(['t.id', 't.name', 't.assignment_mode'])
    .where('tm.workspace_id', '=', workspaceId)
    .where('tm.user_id', '=', userId)
    .orderBy('t.name')
    .orderBy('t.id')
    .execute();
  return {
    user: { id: row.id, name: row.name, email: row.email },
    availability: row.availability,
    changed_at: row.availability_changed_at,
    open_tickets: Number(row.open ?? 0),
    teams,
  };
}

/**
 * Sets the availability (404 for someone who is not staff of the workspace). A real change is stamped
 * and recorded as `user.availability_changed`; being (or staying) available hands them queued tickets.
 * Returns how many tickets the drain assigned (to anyone in their teams).
 */
export async function setAvailability(
  tx: Tx,
  input: { workspaceId: number; userId: number; availability: Availability; now: Date; actor: Actor },
): Promise<{ assigned: number }> {
  const { workspaceId, userId, availability, now } = input;
  const before = await tx
    .selectFrom('workspace_memberships')
    .select('availability')
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .forNoKeyUpdate()
    .executeTakeFirst();
  if (!before) throw notFound('user');
  if (before.availability !== availability) {
    await tx
      .updateTable('workspace_memberships')
      .set({ availability, availability_changed_at: now })
      .where('workspace_id', '=', workspaceId)
      .where('user_id', '=', userId)
      .execute();
    await recordEvent(tx, {
      workspaceId,
      type: 'user.availability_changed',
      subjectType: 'user',
      subjectId: userId,
      actor: input.actor,
      payload: { user_id: userId, from: before.availability, to: availability },
    });
  }
  if (availability !== 'available') return { assigned: 0 };
  return { assigned: await drainQueuesOf(tx, { workspaceId, userId, now, actor: input.actor }) };
}

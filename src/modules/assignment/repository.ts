/** SQL of team routing. Takes the transaction explicitly; no business rules here. */
import { sql } from 'kysely';
import type { Availability, SupportTicket } from '../../db/schema.js';
import type { Tx } from '../../db/tenant.js';
import { OPEN_STATUSES } from './pick-agent.js';

/** Advisory-lock class of routing decisions (the second key is the workspace id). */
const ROUTING_LOCK_CLASS = 4242009;

/**
 * Serialises the routing decisions of one workspace until the transaction ends. Loads are counted across
 * teams (an agent may be in several), so a team's lock alone could let two teams fill one agent past
 * their cap. Take it before any team row lock and never while waiting on one: every path that locks a
 * team row for routing (here, and the team admin use cases) takes this first, so the order is fixed.
 */
export async function lockRouting(tx: Tx, workspaceId: number): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${ROUTING_LOCK_CLASS}, ${workspaceId}::int)`.execute(tx);
}

/**
 * The team's routing settings, with the row locked for the rest of the transaction (FOR NO KEY UPDATE:
 * exclusive among routers, yet tickets referencing the team are not blocked by it).
 */
export async function lockTeamForRouting(tx: Tx, workspaceId: number, teamId: number) {
  return tx
    .selectFrom('support_teams')
    .select(['id', 'name', 'is_active', 'assignment_mode', 'max_open_per_agent', 'last_assigned_user_id'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', teamId)
    .forNoKeyUpdate()
    .executeTakeFirst();
}

export type RoutingTeam = NonNullable<Awaited<ReturnType<typeof lockTeamForRouting>>>;

export interface MemberState {
  userId: number;
  name: string;
  availability: Availability;
  isActive: boolean;
  memberCap: number | null;
  open: number;
}

/** The team's members with what routing needs: availability, active flag, own cap and open load. */
export async function memberStates(tx: Tx, workspaceId: number, teamId: number): Promise<MemberState[]> {
  const rows = await tx
    .selectFrom('support_team_members as tm')
    .innerJoin('workspace_memberships as wm', (j) =>
      j.onRef('wm.workspace_id', '=', 'tm.workspace_id').onRef('wm.user_id', '=', 'tm.user_id'),
    )
    .innerJoin('users as u', 'u.id', 'tm.user_id')
    .select((eb) => [
      'tm.user_id',
      'u.name',
      'u.email',
      'u.is_active',
      'wm.availability',
      'tm.max_open_tickets',
      eb
        .selectFrom('support_tickets as t')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('t.workspace_id', '=', 'tm.workspace_id')
        .whereRef('t.assigned_to_id', '=', 'tm.user_id')
        .where('t.status', 'in', OPEN_STATUSES)
        .as('open'),
    ])
    .where('tm.workspace_id', '=', workspaceId)
    .where('tm.team_id', '=', teamId)
    .orderBy('tm.user_id')
    .execute();
  return rows.map((r) => ({
    userId: r.user_id,
    name: r.name || r.email,
    availability: r.availability,
    isActive: r.is_active,
    memberCap: r.max_open_tickets,
    open: Number(r.open ?? 0),
  }));
}

/**
 * The team's queue, oldest first: its unassigned open tickets, locked. Tickets another transaction holds
 * are skipped (it is changing them; the next drain sees them), so a drain never waits on a ticket.
 */
export async function lockQueuedTickets(
  tx: Tx,
  workspaceId: number,
  teamId: number,
  limit: number,
): Promise<SupportTicket[]> {
  return tx
    .selectFrom('support_tickets')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('team_id', '=', teamId)
    .where('assigned_to_id', 'is', null)
    .where('status', 'in', OPEN_STATUSES)
    .orderBy('created_at')
    .orderBy('id')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}

/** Locks one ticket of the workspace (undefined when it is not there). */
export async function lockTicket(tx: Tx, workspaceId: number, ticketId: number) {
  return tx
    .selectFrom('support_tickets')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', ticketId)
    .forUpdate()
    .executeTakeFirst();
}

export async function setTicketRoute(
  tx: Tx,
  ticket: SupportTicket,
  values: { teamId: number; userId: number | null; now: Date },
): Promise<SupportTicket> {
  return tx
    .updateTable('support_tickets')
    .set({ team_id: values.teamId, assigned_to_id: values.userId, updated_at: values.now })
    .where('workspace_id', '=', ticket.workspace_id)
    .where('id', '=', ticket.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function setRoundRobinPointer(
  tx: Tx,
  workspaceId: number,
  teamId: number,
  userId: number,
): Promise<void> {
  await tx
    .updateTable('support_teams')
    .set({ last_assigned_user_id: userId })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', teamId)
    .execute();
}

/** The active, automatically routing teams the user is a member of, by id. */
export async function autoTeamsOf(tx: Tx, workspaceId: number, userId: number): Promise<number[]> {
  const rows = await tx
    .selectFrom('support_team_members as tm')
    .innerJoin('support_teams as t', 't.id', 'tm.team_id')
    .select('t.id')
    .where('tm.workspace_id', '=', workspaceId)
    .where('tm.user_id', '=', userId)
    .where('t.is_active', '=', true)
    .where('t.assignment_mode', '<>', 'manual')
    .orderBy('t.id')
    .execute();
  return rows.map((r) => r.id);
}

/** Whether the team has a queued ticket (a cheap check before taking locks). */
export async function hasQueuedTickets(tx: Tx, workspaceId: number, teamId: number): Promise<boolean> {
  const row = await tx
    .selectFrom('support_tickets')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('team_id', '=', teamId)
    .where('assigned_to_id', 'is', null)
    .where('status', 'in', OPEN_STATUSES)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Across workspaces (asSystem only): active automatic teams with a queued ticket, for the sweep.
 */
export async function teamsWithQueues(tx: Tx, limit: number) {
  return tx
    .selectFrom('support_teams as s')
    .select(['s.workspace_id', 's.id'])
    .where('s.is_active', '=', true)
    .where('s.assignment_mode', '<>', 'manual')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('support_tickets as t')
          .select('t.id')
          .whereRef('t.workspace_id', '=', 's.workspace_id')
          .whereRef('t.team_id', '=', 's.id')
          .where('t.assigned_to_id', 'is', null)
          .where('t.status', 'in', OPEN_STATUSES),
      ),
    )
    .orderBy('s.workspace_id')
    .orderBy('s.id')
    .limit(limit)
    .execute();
}

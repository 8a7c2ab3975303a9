/**
 * Team row + members → API shape: the lead and members as id + embedded summary, the routing settings,
 * each member's availability, own cap and open load, and the size of the team queue.
 */
import type { MemberRow, TeamRow } from './repository.js';

/** The API shape of one team; `members` may hold other teams' rows, they are filtered here. */
export function presentTeam(t: TeamRow, members: MemberRow[]) {
  return {
    id: t.id,
    name: t.name,
    description: t.description,
    email: t.email,
    is_active: t.is_active,
    team_lead:
      t.team_lead_id !== null
        ? { id: t.team_lead_id, name: t.lead_name ?? '', email: t.lead_email ?? '' }
        : null,
    assignment_mode: t.assignment_mode,
    max_open_per_agent: t.max_open_per_agent,
    last_assigned_to: t.last_assigned_user_id,
    queued_tickets: Number(t.queued ?? 0),
    members: members
      .filter((m) => m.team_id === t.id)
      .map((m) => ({
        id: m.id,
        name: m.name,
        email: m.email,
        availability: m.availability,
        max_open_tickets: m.max_open_tickets,
        open_tickets: Number(m.open ?? 0),
      })),
    created_at: t.created_at,
  };
}

export type TeamView = ReturnType<typeof presentTeam>;

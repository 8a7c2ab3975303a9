/** Team row + members → API shape: the lead and members as id + embedded summary. */
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
    members: members.filter((m) => m.team_id === t.id).map(({ id, name, email }) => ({ id, name, email })),
    created_at: t.created_at,
  };
}

export type TeamView = ReturnType<typeof presentTeam>;

/** Who hears of an SLA warning or an escalation: addresses of active staff, each once. */
import type { Tx } from '../../db/tenant.js';

function distinct(addresses: readonly string[]): string[] {
  const seen = new Map<string, string>();
  for (const a of addresses) {
    const trimmed = a.trim();
    if (trimmed && !seen.has(trimmed.toLowerCase())) seen.set(trimmed.toLowerCase(), trimmed);
  }
  return [...seen.values()];
}

/** A team's shared address when it has one, else the addresses of its active members. */
export async function teamRecipients(tx: Tx, workspaceId: number, teamId: number): Promise<string[]> {
  const team = await tx
    .selectFrom('support_teams')
    .select(['email', 'is_active'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', teamId)
    .executeTakeFirst();
  if (!team?.is_active) return [];
  if (team.email.trim()) return [team.email.trim()];
  const members = await tx
    .selectFrom('support_team_members as tm')
    .innerJoin('users as u', 'u.id', 'tm.user_id')
    .select('u.email')
    .where('tm.workspace_id', '=', workspaceId)
    .where('tm.team_id', '=', teamId)
    .where('u.is_active', '=', true)
    .orderBy('u.id')
    .execute();
  return distinct(members.map((m) => m.email));
}

async function activeMemberEmail(tx: Tx, workspaceId: number, userId: number): Promise<string | null> {
  const user = await tx
    .selectFrom('workspace_memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select('u.email')
    .where('m.workspace_id', '=', workspaceId)
    .where('m.user_id', '=', userId)
    .where('u.is_active', '=', true)
    .executeTakeFirst();
  return user?.email ?? null;
}

async function adminEmails(tx: Tx, workspaceId: number): Promise<string[]> {
  const admins = await tx
    .selectFrom('workspace_memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select('u.email')
    .where('m.workspace_id', '=', workspaceId)
    .where('m.role', '=', 'admin')
    .where('u.is_active', '=', true)
    .orderBy('u.id')
    .execute();
  return distinct(admins.map((a) => a.email));
}

/**
 * Who is warned that a ticket is about to breach its SLA: its assignee; with none (or an inactive one),
 * its team; with no team (or nobody in it), the workspace's admins.
 */
export async function warningRecipients(
  tx: Tx,
  ticket: { workspace_id: number; assigned_to_id: number | null; team_id: number | null },
): Promise<string[]> {
  if (ticket.assigned_to_id !== null) {
    const email = await activeMemberEmail(tx, ticket.workspace_id, ticket.assigned_to_id);
    if (email) return [email];
  }
  if (ticket.team_id !== null) {
    const team = await teamRecipients(tx, ticket.workspace_id, ticket.team_id);
    if (team.length > 0) return team;
  }
  return adminEmails(tx, ticket.workspace_id);
}

/**
 * Updates a team (PATCH: omitted = unchanged; team_lead null clears the lead, who stays a member). A
 * change that can make room — an automatic mode, a higher cap, reactivation, a new lead — drains the
 * team's queue in the same transaction.
 */
import type { Updateable } from 'kysely';
import type { SupportTeamsTable } from '../../db/schema.js';
import type { Tx } from '../../db/tenant.js';
import { invalid, notFound } from '../../platform/errors.js';
import { drainTeamQueue } from '../assignment/index.js';
import { teamEmail, type TeamInput } from './create-team.js';
import * as repo from './repository.js';
import { assertWorkspaceMembers } from '../workspaces/index.js';

/** Applies the changes (404 for unknown or another workspace's ids). A new lead joins the members. */
export async function updateTeam(
  ctx: { tx: Tx; workspaceId: number; userId: number; now: Date },
  id: number,
  input: TeamInput,
): Promise<void> {
  const { tx, workspaceId } = ctx;
  const team = await repo.lockTeam(tx, workspaceId, id);
  if (!team) throw notFound('team');
  const values: Updateable<SupportTeamsTable> = {};
  if (input.name !== undefined) {
    values.name = input.name.trim();
    if (!values.name) throw invalid('name', 'must not be blank');
  }
  if (input.description !== undefined) values.description = input.description;
  if (input.email !== undefined) values.email = teamEmail(input.email);
  if (input.is_active !== undefined) values.is_active = input.is_active;
  if (input.assignment_mode !== undefined) values.assignment_mode = input.assignment_mode;
  if (input.max_open_per_agent !== undefined) values.max_open_per_agent = input.max_open_per_agent;
  if (input.team_lead !== undefined) {
    if (input.team_lead !== null) {
      await assertWorkspaceMembers(tx, workspaceId, [input.team_lead], 'team_lead');
      await repo.addMembers(tx, workspaceId, team.id, [input.team_lead]);
    }
    values.team_lead_id = input.team_lead;
  }
  await repo.updateTeamRow(tx, workspaceId, team.id, values);
  await drainTeamQueue(tx, { workspaceId, teamId: team.id, now: ctx.now, actor: { userId: ctx.userId } });
}

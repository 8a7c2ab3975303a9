/**
 * Creates a support team. Members and the lead must be members of the workspace (400 otherwise); the
 * lead is always a member of the team, so naming a lead adds them to the members automatically.
 */
import type { AssignmentMode } from '../../db/schema.js';
import type { Tx } from '../../db/tenant.js';
import { invalid } from '../../platform/errors.js';
import { normalizeEmail } from '../../platform/validation.js';
import * as repo from './repository.js';
import { assertWorkspaceMembers } from '../workspaces/index.js';

export interface TeamInput {
  name?: string;
  description?: string;
  email?: string;
  is_active?: boolean;
  team_lead?: number | null;
  assignment_mode?: AssignmentMode;
  max_open_per_agent?: number | null;
}

/** The team's routing address, normalised; "" means none. */
export function teamEmail(raw: string): string {
  return raw.trim() === '' ? '' : normalizeEmail(raw, 'email');
}

/** Creates the team with its members and returns its id. */
export async function createTeam(
  ctx: { tx: Tx; workspaceId: number },
  input: TeamInput & { name: string; members?: number[] },
): Promise<number> {
  const { tx, workspaceId } = ctx;
  const name = input.name.trim();
  if (!name) throw invalid('name', 'must not be blank');
  const members = input.members ?? [];
  await assertWorkspaceMembers(tx, workspaceId, members, 'members');
  const lead = input.team_lead ?? null;
  if (lead !== null) await assertWorkspaceMembers(tx, workspaceId, [lead], 'team_lead');
  const id = await repo.insertTeam(tx, {
    workspace_id: workspaceId,
    name,
    team_lead_id: lead,
    ...(input.description !== undefined ? { description: input.description } : {}),
    ...(input.email !== undefined ? { email: teamEmail(input.email) } : {}),
    ...(input.is_active !== undefined ? { is_active: input.is_active } : {}),
    ...(input.assignment_mode !== undefined ? { assignment_mode: input.assignment_mode } : {}),
    max_open_per_agent: input.max_open_per_agent ?? null,
  });
  await repo.addMembers(tx, workspaceId, id, lead !== null ? [...new Set([...members, lead])] : members);
  return id;
}

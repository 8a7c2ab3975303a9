/** SQL for the workspace's staff accounts (memberships joined with their install-wide users). No rules. */
import type { MemberRole } from '../../db/schema.js';
import type { Tx } from '../../db/tenant.js';
import { sql } from 'kysely';

export interface StaffRow {
  id: number;
  email: string;
  name: string;
  role: MemberRole;
  has_password: boolean;
  deactivated_at: Date | null;
  last_login_at: Date | null;
  created_at: Date;
}

function staffQuery(tx: Tx, workspaceId: number) {
  return tx
    .selectFrom('workspace_memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select([
      'u.id',
      'u.email',
      'u.name',
      'm.role',
      sql<boolean>`u.password_hash IS NOT NULL`.as('has_password'),
      'm.deactivated_at',
      'u.last_login_at',
      'm.created_at',
    ])
    .where('m.workspace_id', '=', workspaceId);
}

/** Every member of the workspace, active ones first, then by name. */
export async function listStaffRows(tx: Tx, workspaceId: number): Promise<StaffRow[]> {
  return staffQuery(tx, workspaceId)
    .orderBy(sql`m.deactivated_at IS NOT NULL`)
    .orderBy('u.name')
    .orderBy('u.id')
    .execute();
}

export async function findStaffRow(
  tx: Tx,
  workspaceId: number,
  userId: number,
): Promise<StaffRow | undefined> {
  return staffQuery(tx, workspaceId).where('u.id', '=', userId).executeTakeFirst();
}

export async function setMembership(
  tx: Tx,
  workspaceId: number,
  userId: number,
  values: { role?: MemberRole; deactivated_at?: Date | null; availability?: 'offline' },
): Promise<void> {
  await tx
    .updateTable('workspace_memberships')
    .set(values)
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .execute();
}

/** Ends the member's sessions in the workspace and revokes their API tokens there, at once. */
export async function endAccess(tx: Tx, workspaceId: number, userId: number, now: Date): Promise<void> {
  await tx
    .deleteFrom('sessions')
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .execute();
  await tx
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
}

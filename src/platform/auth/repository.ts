/** SQL for resolving credentials. Runs as the system role: the workspace is not known yet. */
import type { Tx } from '../../db/tenant.js';
import type { MemberRole } from '../../db/schema.js';
import type { WorkspaceRef } from './principal.js';

/** The columns of a WorkspaceRef. */
export const WORKSPACE_COLUMNS = [
  'id',
  'slug',
  'name',
  'default_language',
  'timezone',
  'ticket_prefix',
  'default_priority',
  'order_url_template',
  'consignment_url_template',
] as const;

export async function findWorkspaceBySlug(tx: Tx, slug: string): Promise<WorkspaceRef | undefined> {
  return tx.selectFrom('workspaces').select(WORKSPACE_COLUMNS).where('slug', '=', slug).executeTakeFirst();
}

export async function findWorkspaceById(tx: Tx, id: number): Promise<WorkspaceRef | undefined> {
  return tx.selectFrom('workspaces').select(WORKSPACE_COLUMNS).where('id', '=', id).executeTakeFirst();
}

/** The workspace when the install has exactly one, else undefined. */
export async function soleWorkspace(tx: Tx): Promise<WorkspaceRef | undefined> {
  const rows = await tx.selectFrom('workspaces').select(WORKSPACE_COLUMNS).limit(2).execute();
  return rows.length === 1 ? rows[0] : undefined;
}

export async function findMembershipRole(
  tx: Tx,
  workspaceId: number,
  userId: number,
): Promise<MemberRole | undefined> {
  const row = await tx
    .selectFrom('workspace_memberships')
    .select('role')
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row?.role;
}

export async function findActiveToken(tx: Tx, tokenHash: string, now: Date) {
  return tx
    .selectFrom('api_tokens as t')
    .innerJoin('workspace_memberships as m', (j) =>
      j.onRef('m.workspace_id', '=', 't.workspace_id').onRef('m.user_id', '=', 't.user_id'),
    )
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select(['t.id', 't.workspace_id', 't.user_id', 't.last_used_at', 'm.role', 'u.email', 'u.name'])
    .where('t.token_hash', '=', tokenHash)
    .where('t.revoked_at', 'is', null)
    .where('u.is_active', '=', true)
    .where((eb) => eb.or([eb('t.expires_at', 'is', null), eb('t.expires_at', '>', now)]))
    .executeTakeFirst();
}

export async function touchToken(tx: Tx, id: number, now: Date): Promise<void> {
  await tx.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', id).execute();
}

export async function findLiveSession(tx: Tx, tokenHash: string, now: Date) {
  return tx
    .selectFrom('sessions as s')
    .leftJoin('users as u', 'u.id', 's.user_id')
    .leftJoin('customers as c', 'c.id', 's.customer_id')
    .select([
      's.id',
      's.workspace_id',
      's.user_id',
      's.customer_id',
      's.last_seen_at',
      'u.email as user_email',
      'u.name as user_name',
      'u.is_active as user_active',
      'c.email as customer_email',
      'c.name as customer_name',
      'c.is_active as customer_active',
    ])
    .where('s.token_hash', '=', tokenHash)
    .where('s.expires_at', '>', now)
    .executeTakeFirst();
}

export async function touchSession(tx: Tx, id: number, now: Date): Promise<void> {
  await tx.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', id).execute();
}

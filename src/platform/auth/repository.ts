/**
 * SQL for resolving credentials. Runs as the system role: the workspace is not known yet. The lookups
 * every request makes are one statement each (credential, person, workspace and role together), sent
 * outside a transaction (tenant.ts asSystemStatement): one round trip per request instead of five.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { WorkspaceRef } from './principal.js';

/** A transaction or the database itself (single statements). */
type Executor = Kysely<DB>;

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

/** The WorkspaceRef of the joined workspaces row `w` as one JSON value, null when no row joined. */
const workspaceJson = sql<WorkspaceRef | null>`CASE WHEN w.id IS NULL THEN NULL ELSE json_build_object(${sql.join(
  WORKSPACE_COLUMNS.map((c) => sql`${sql.lit(c)}::text, ${sql.ref(`w.${c}`)}`),
)}) END`;

export async function findWorkspaceBySlug(tx: Executor, slug: string): Promise<WorkspaceRef | undefined> {
  return tx.selectFrom('workspaces').select(WORKSPACE_COLUMNS).where('slug', '=', slug).executeTakeFirst();
}

export async function findWorkspaceById(tx: Executor, id: number): Promise<WorkspaceRef | undefined> {
  return tx.selectFrom('workspaces').select(WORKSPACE_COLUMNS).where('id', '=', id).executeTakeFirst();
}

/** The workspace when the install has exactly one, else undefined. */
export async function soleWorkspace(tx: Executor): Promise<WorkspaceRef | undefined> {
  const rows = await tx.selectFrom('workspaces').select(WORKSPACE_COLUMNS).limit(2).execute();
  return rows.length === 1 ? rows[0] : undefined;
}

/**
 * A live bearer token with its user, role and workspace (null when the workspace is gone), or undefined.
 */
export async function findTokenPrincipal(db: Executor, tokenHash: string, now: Date) {
  return db
    .selectFrom('api_tokens as t')
    .innerJoin('workspace_memberships as m', (j) =>
      j.onRef('m.workspace_id', '=', 't.workspace_id').onRef('m.user_id', '=', 't.user_id'),
    )
    .innerJoin('users as u', 'u.id', 't.user_id')
    .leftJoin('workspaces as w', 'w.id', 't.workspace_id')
    .select(['t.id', 't.user_id', 't.last_used_at', 'm.role', 'u.email', 'u.name'])
    .select(workspaceJson.as('workspace'))
    .where('t.token_hash', '=', tokenHash)
    .where('t.revoked_at', 'is', null)
    .where('u.is_active', '=', true)
    .where('m.deactivated_at', 'is', null)
    .where((eb) => eb.or([eb('t.expires_at', 'is', null), eb('t.expires_at', '>', now)]))
    .executeTakeFirst();
}

/**
 * A live session with its user or customer, and the workspace the request is for: the one named by
 * `slug` when given, else the session's; `role` is the user's membership in that workspace.
 */
export async function findSessionPrincipal(db: Executor, tokenHash: string, now: Date, slug: string | null) {
  return db
    .selectFrom('sessions as s')
    .leftJoin('users as u', 'u.id', 's.user_id')
    .leftJoin('customers as c', 'c.id', 's.customer_id')
    .leftJoin('workspaces as w', (j) =>
      slug === null ? j.onRef('w.id', '=', 's.workspace_id') : j.on('w.slug', '=', slug),
    )
    .leftJoin('workspace_memberships as m', (j) =>
      // A deactivated membership answers like none: the session finds no role in that workspace.
      j
        .onRef('m.workspace_id', '=', 'w.id')
        .onRef('m.user_id', '=', 's.user_id')
        .on('m.deactivated_at', 'is', null),
    )
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
      'm.role',
    ])
    .select(workspaceJson.as('workspace'))
    .where('s.token_hash', '=', tokenHash)
    .where('s.expires_at', '>', now)
    .executeTakeFirst();
}

export async function touchToken(tx: Executor, id: number, now: Date): Promise<void> {
  await tx.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', id).execute();
}

export async function touchSession(tx: Executor, id: number, now: Date): Promise<void> {
  await tx.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', id).execute();
}

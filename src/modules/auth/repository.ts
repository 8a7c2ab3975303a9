/** SQL for logins, sessions and login links. No rules here: the use cases decide. */
import type { MemberRole } from '../../db/schema.js';
import { keyedWorkspace, type Tx } from '../../db/tenant.js';
import { customerIdsWithEmails } from '../customers/index.js';
import type { WorkspaceRef } from '../../platform/auth/principal.js';
import { WORKSPACE_COLUMNS } from '../../platform/auth/repository.js';

export interface LoginCandidate {
  id: number;
  email: string;
  name: string;
  password_hash: string | null;
  is_active: boolean;
}

export interface Membership {
  workspace: WorkspaceRef;
  role: MemberRole;
}

/** A staff account by email (install-wide; call as the system role). */
export async function findUserByEmail(tx: Tx, email: string): Promise<LoginCandidate | undefined> {
  return tx
    .selectFrom('users')
    .select(['id', 'email', 'name', 'password_hash', 'is_active'])
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email))
    .executeTakeFirst();
}

/** The user's membership in the workspace with that slug, or their first one (lowest workspace id). */
export async function findMembership(
  tx: Tx,
  userId: number,
  slug: string | null,
): Promise<Membership | undefined> {
  let query = tx
    .selectFrom('workspace_memberships as m')
    .innerJoin('workspaces as w', 'w.id', 'm.workspace_id')
    .select([...WORKSPACE_COLUMNS.map((c) => `w.${c}` as const), 'm.role'])
    .where('m.user_id', '=', userId)
    .where('m.deactivated_at', 'is', null);
  if (slug !== null) query = query.where('w.slug', '=', slug);
  const row = await query.orderBy('w.id').limit(1).executeTakeFirst();
  if (!row) return undefined;
  const { role, ...workspace } = row;
  return { workspace, role };
}

/** Every workspace the user belongs to, oldest first (call as the system role). */
export async function listMemberships(tx: Tx, userId: number) {
  return tx
    .selectFrom('workspace_memberships as m')
    .innerJoin('workspaces as w', 'w.id', 'm.workspace_id')
    .select(['w.slug', 'w.name', 'm.role'])
    .where('m.user_id', '=', userId)
    .where('m.deactivated_at', 'is', null)
    .orderBy('w.id')
    .execute();
}

/** Records the time of a successful staff login. */
export async function markUserLoggedIn(tx: Tx, userId: number, at: Date): Promise<void> {
  await tx.updateTable('users').set({ last_login_at: at }).where('id', '=', userId).execute();
}

export interface CustomerLoginCandidate extends LoginCandidate {
  email_verified_at: Date | null;
  /** The language the customer chose ('' none): their mails' language. */
  language: string;
}

/** A customer of the workspace by email, with what a login checks. */
export async function findCustomerByEmail(
  tx: Tx,
  workspaceId: number,
  email: string,
): Promise<CustomerLoginCandidate | undefined> {
  return tx
    .selectFrom('customers')
    .select(['id', 'email', 'name', 'password_hash', 'is_active', 'email_verified_at', 'language'])
    .where('workspace_id', '=', keyedWorkspace(workspaceId))
    .where('id', '=', customerIdsWithEmails(workspaceId, [email]))
    .executeTakeFirst();
}

/** A customer of the workspace by id, with what a login checks. */
export async function findCustomerById(
  tx: Tx,
  workspaceId: number,
  id: number,
): Promise<LoginCandidate | undefined> {
  return tx
    .selectFrom('customers')
    .select(['id', 'email', 'name', 'password_hash', 'is_active'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** A login link proves the customer owns the address. */
export async function markCustomerEmailVerified(
  tx: Tx,
  workspaceId: number,
  id: number,
  at: Date,
): Promise<void> {
  await tx
    .updateTable('customers')
    .set({ email_verified_at: at })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('email_verified_at', 'is', null)
    .execute();
}

export interface SessionValues {
  workspace_id: number;
  token_hash: string;
  user_id: number | null;
  customer_id: number | null;
  user_agent: string;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
}

/** Stores a new session (by its token's hash); returns its id. */
export async function insertSession(tx: Tx, values: SessionValues): Promise<number> {
  const row = await tx.insertInto('sessions').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Removes the session whose token has this hash, if any. */
export async function deleteSessionByHash(tx: Tx, tokenHash: string): Promise<void> {
  await tx.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

/** Spends every unused login link of the customer: only the newest link works. */
export async function revokeLoginTokens(
  tx: Tx,
  workspaceId: number,
  customerId: number,
  at: Date,
): Promise<void> {
  await tx
    .updateTable('customer_login_tokens')
    .set({ used_at: at })
    .where('workspace_id', '=', workspaceId)
    .where('customer_id', '=', customerId)
    .where('used_at', 'is', null)
    .execute();
}

/** Stores a login link's token (by its hash). */
export async function insertLoginToken(
  tx: Tx,
  values: {
    workspace_id: number;
    customer_id: number;
    token_hash: string;
    created_at: Date;
    expires_at: Date;
  },
): Promise<void> {
  await tx.insertInto('customer_login_tokens').values(values).execute();
}

/**
 * Marks a live, unused login token as used and returns its customer. One statement, so two concurrent
 * uses of the same link cannot both succeed.
 */
export async function useLoginToken(
  tx: Tx,
  workspaceId: number,
  tokenHash: string,
  at: Date,
): Promise<number | undefined> {
  const row = await tx
    .updateTable('customer_login_tokens')
    .set({ used_at: at })
    .where('workspace_id', '=', workspaceId)
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', at)
    .returning('customer_id')
    .executeTakeFirst();
  return row?.customer_id;
}

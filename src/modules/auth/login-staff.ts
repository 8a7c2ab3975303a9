import type { MemberRole } from '../../db/schema.js';
import { asSystem, inWorkspace } from '../../db/tenant.js';
import { verifyPassword } from '../../platform/auth/passwords.js';
import type { WorkspaceRef } from '../../platform/auth/principal.js';
import type { AppDeps } from '../../platform/deps.js';
import { invalidCredentials, loginEmail } from './credentials.js';
import { findMembership, findUserByEmail, markUserLoggedIn } from './repository.js';
import { createSession, type IssuedSession } from './sessions.js';

export interface LoginStaffInput {
  deps: Pick<AppDeps, 'db' | 'config' | 'now'>;
  email: string;
  password: string;
  /** The workspace to work in; null picks the user's first membership. */
  workspaceSlug: string | null;
  userAgent: string;
}

export interface StaffLogin {
  user: { id: number; email: string; name: string };
  workspace: WorkspaceRef;
  role: MemberRole;
  session: IssuedSession;
}

/**
 * Checks a staff member's password and opens a session in one of their workspaces. Every failure is the
 * same INVALID_CREDENTIALS, and an unknown email still spends a password verification.
 */
export async function loginStaff({
  deps,
  email,
  password,
  workspaceSlug,
  userAgent,
}: LoginStaffInput): Promise<StaffLogin> {
  // Accounts are install-wide and the workspace is not known yet: the system role looks them up.
  const found = await asSystem(deps.db, async (tx) => {
    const user = await findUserByEmail(tx, loginEmail(email));
    const membership = user
      ? await findMembership(tx, user.id, workspaceSlug?.trim().toLowerCase() ?? null)
      : undefined;
    return { user, membership };
  });
  // Verified outside any transaction: argon2 takes tens of milliseconds and must not hold a connection.
  const passwordOk = await verifyPassword(found.user?.password_hash, password);
  const { user, membership } = found;
  if (!user || !passwordOk || !user.is_active || !membership) throw invalidCredentials();

  const now = deps.now();
  const session = await inWorkspace(deps.db, membership.workspace.id, async (tx) => {
    await markUserLoggedIn(tx, user.id, now);
    return createSession(tx, {
      workspaceId: membership.workspace.id,
      owner: { userId: user.id },
      userAgent,
      now,
      ttlHours: deps.config.sessionTtlHours,
    });
  });
  return {
    user: { id: user.id, email: user.email, name: user.name },
    workspace: membership.workspace,
    role: membership.role,
    session,
  };
}

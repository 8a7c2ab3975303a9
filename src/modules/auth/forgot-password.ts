import { asSystem, inWorkspace } from '../../db/tenant.js';
import type { WorkspaceRef } from '../../platform/auth/principal.js';
import type { AppDeps } from '../../platform/deps.js';
import { queueAuthMail } from '../email/index.js';
import { loginEmail } from './credentials.js';
import { issuePasswordToken, PASSWORD_LINK_TTL_MINUTES, passwordLinkUrl } from './password-tokens.js';
import { findCustomerByEmail, findMembership, findUserByEmail } from './repository.js';

type Deps = Pick<AppDeps, 'db' | 'config' | 'now' | 'jobs'>;

/**
 * Mails a reset link to an active customer of the workspace. An unknown or disabled address gets
 * nothing, silently: the endpoint answers the same either way, so it cannot tell who is a customer.
 */
export async function requestCustomerPasswordReset(input: {
  deps: Deps;
  workspace: WorkspaceRef;
  email: string;
  /** The portal's language, for a customer who has not chosen one. */
  language?: string;
}): Promise<void> {
  const { deps, workspace } = input;
  await inWorkspace(deps.db, workspace.id, async (tx) => {
    const customer = await findCustomerByEmail(tx, workspace.id, loginEmail(input.email));
    if (!customer?.is_active) return;
    const holder = { customerId: customer.id };
    const token = await issuePasswordToken(tx, {
      workspaceId: workspace.id,
      holder,
      purpose: 'reset',
      now: deps.now(),
    });
    await queueAuthMail(
      tx,
      { jobs: deps.jobs, publicUrl: deps.config.publicUrl },
      {
        workspaceId: workspace.id,
        kind: 'password_reset',
        language: customer.language || (input.language ?? ''),
        to: customer.email,
        name: customer.name,
        link: passwordLinkUrl(deps.config.publicUrl, workspace, holder, token),
        linkMinutes: PASSWORD_LINK_TTL_MINUTES.reset,
      },
    );
  });
}

/**
 * Mails a reset link to an active staff member. Accounts are install-wide: the link is kept in the
 * workspace the caller named if the account is an active member there, else in its first one. Unknown,
 * disabled or workspace-less accounts get nothing, and the endpoint answers the same.
 */
export async function requestStaffPasswordReset(input: {
  deps: Deps;
  email: string;
  workspaceSlug: string | null;
  /** The language of the page that asked ('' : the workspace's). */
  language?: string;
}): Promise<void> {
  const { deps } = input;
  const found = await asSystem(deps.db, async (tx) => {
    const user = await findUserByEmail(tx, loginEmail(input.email));
    if (!user?.is_active) return undefined;
    const membership =
      (input.workspaceSlug ? await findMembership(tx, user.id, input.workspaceSlug) : undefined) ??
      (await findMembership(tx, user.id, null));
    return membership ? { user, workspace: membership.workspace } : undefined;
  });
  if (!found) return;
  await sendStaffPasswordLink({
    deps,
    userId: found.user.id,
    workspace: found.workspace,
    purpose: 'reset',
    language: input.language ?? '',
  });
}

/**
 * Issues a staff member's password link (an invitation or a reset) in the workspace and mails it, in one
 * transaction. Used by the forgotten-password request and by admins (modules/staff).
 */
export async function sendStaffPasswordLink(input: {
  deps: Deps;
  userId: number;
  workspace: WorkspaceRef;
  purpose: 'invite' | 'reset';
  invitedBy?: string;
  /**
   * The mail's language: staff accounts have none stored, so it is the language of the page that asked
   * for a reset; '' (an invitation) uses the workspace's.
   */
  language?: string;
}): Promise<void> {
  const { deps, workspace } = input;
  const user = await asSystem(deps.db, (tx) =>
    tx.selectFrom('users').select(['email', 'name']).where('id', '=', input.userId).executeTakeFirstOrThrow(),
  );
  await inWorkspace(deps.db, workspace.id, async (tx) => {
    const holder = { userId: input.userId };
    const token = await issuePasswordToken(tx, {
      workspaceId: workspace.id,
      holder,
      purpose: input.purpose,
      now: deps.now(),
    });
    await queueAuthMail(
      tx,
      { jobs: deps.jobs, publicUrl: deps.config.publicUrl },
      {
        workspaceId: workspace.id,
        kind: input.purpose === 'invite' ? 'staff_invitation' : 'staff_password_reset',
        language: input.language ?? '',
        to: user.email,
        name: user.name,
        link: passwordLinkUrl(deps.config.publicUrl, workspace, holder, token),
        linkMinutes: PASSWORD_LINK_TTL_MINUTES[input.purpose],
        ...(input.invitedBy ? { inviter: input.invitedBy } : {}),
      },
    );
  });
}

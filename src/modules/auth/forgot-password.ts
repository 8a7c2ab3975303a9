import { asSystem, inWorkspace } from '../../db/tenant.js';
import type { WorkspaceRef } from '../../platform/auth/principal.js';
import type { AppDeps } from '../../platform/deps.js';
import { queueEmail } from '../../platform/mail/queue-email.js';
import { loginEmail } from './credentials.js';
import { issuePasswordToken, PASSWORD_LINK_TTL_MINUTES, passwordLinkUrl } from './password-tokens.js';
import { findCustomerByEmail, findMembership, findUserByEmail } from './repository.js';

type Deps = Pick<AppDeps, 'db' | 'config' | 'now' | 'jobs'>;

const resetText = (name: string, where: string, link: string) =>
  `Hello${name ? ` ${name}` : ''},\n\n` +
  `someone, perhaps you, asked to reset your password for ${where}. Choose a new one with this link ` +
  `(it works once and expires in ${PASSWORD_LINK_TTL_MINUTES.reset} minutes):\n\n${link}\n\n` +
  `If it was not you, ignore this email: your password stays as it is.\n`;

/**
 * Mails a reset link to an active customer of the workspace. An unknown or disabled address gets
 * nothing, silently: the endpoint answers the same either way, so it cannot tell who is a customer.
 */
export async function requestCustomerPasswordReset(input: {
  deps: Deps;
  workspace: WorkspaceRef;
  email: string;
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
    await queueEmail(tx, deps.jobs, {
      workspaceId: workspace.id,
      to: customer.email,
      subject: `Reset your password for ${workspace.name}`,
      text: resetText(
        customer.name,
        `${workspace.name} support`,
        passwordLinkUrl(deps.config.publicUrl, workspace, holder, token),
      ),
      headers: { 'Auto-Submitted': 'auto-generated' },
    });
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
  await sendStaffPasswordLink({ deps, userId: found.user.id, workspace: found.workspace, purpose: 'reset' });
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
    const link = passwordLinkUrl(deps.config.publicUrl, workspace, holder, token);
    const days = PASSWORD_LINK_TTL_MINUTES.invite / (24 * 60);
    await queueEmail(tx, deps.jobs, {
      workspaceId: workspace.id,
      to: user.email,
      ...(input.purpose === 'invite'
        ? {
            subject: `You are invited to ${workspace.name} support`,
            text:
              `Hello${user.name ? ` ${user.name}` : ''},\n\n` +
              `${input.invitedBy ?? 'An administrator'} invited you to work on ${workspace.name} support. ` +
              `Choose your password with this link (it works once and expires in ${days} days):\n\n` +
              `${link}\n\nThen log in with your email address and that password.\n`,
          }
        : {
            subject: `Reset your password for ${workspace.name} support`,
            text: resetText(user.name, `${workspace.name} support`, link),
          }),
      headers: { 'Auto-Submitted': 'auto-generated' },
    });
  });
}

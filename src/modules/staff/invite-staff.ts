import type { MemberRole } from '../../db/schema.js';
import { inWorkspace } from '../../db/tenant.js';
import type { StaffPrincipal, WorkspaceRef } from '../../platform/auth/principal.js';
import type { AppDeps } from '../../platform/deps.js';
import { AppError, notFound } from '../../platform/errors.js';
import { queueEmail } from '../../platform/mail/queue-email.js';
import { sendStaffPasswordLink } from '../auth/index.js';
import { createStaffUser } from '../users/index.js';
import { findStaffRow, type StaffRow } from './repository.js';

type Deps = Pick<AppDeps, 'db' | 'config' | 'now' | 'jobs'>;

export interface InviteStaffInput {
  deps: Deps;
  workspace: WorkspaceRef;
  actor: StaffPrincipal;
  email: string;
  name?: string;
  role: MemberRole;
}

/**
 * Adds a staff member to the workspace and mails them. A new address gets an account without a password
 * and an invitation link that sets one (a week, once). An account that exists already (a member of
 * another workspace) keeps its password — an invitation must never let anyone set someone else's — and
 * is told it can now log in here.
 */
export async function inviteStaff(input: InviteStaffInput): Promise<StaffRow> {
  const { deps, workspace, actor } = input;
  const user = await createStaffUser(deps.db, {
    workspaceId: workspace.id,
    email: input.email,
    role: input.role,
    ...(input.name !== undefined ? { name: input.name } : {}),
  });
  const row = await inWorkspace(deps.db, workspace.id, (tx) => findStaffRow(tx, workspace.id, user.id));
  if (!row) throw new Error('the new membership is not visible in its workspace');
  if (!row.has_password) {
    await sendStaffPasswordLink({
      deps,
      userId: user.id,
      workspace,
      purpose: 'invite',
      invitedBy: actor.name || actor.email,
    });
    return row;
  }
  await inWorkspace(deps.db, workspace.id, (tx) =>
    queueEmail(tx, deps.jobs, {
      workspaceId: workspace.id,
      to: row.email,
      subject: `You were added to ${workspace.name} support`,
      text:
        `Hello${row.name ? ` ${row.name}` : ''},\n\n` +
        `${actor.name || actor.email} added you to ${workspace.name} support as ${input.role}. Log in with ` +
        `your existing password at ${deps.config.publicUrl}/app/login and pick ${workspace.name}.\n`,
      headers: { 'Auto-Submitted': 'auto-generated' },
    }),
  );
  return row;
}

/**
 * An admin mails a member a link to set their password: the invitation again for someone who has not
 * set one yet, else a reset link (for a colleague who forgot theirs). Their current password keeps
 * working until the link is used.
 */
export async function sendStaffPasswordLinkFor(input: {
  deps: Deps;
  workspace: WorkspaceRef;
  actor: StaffPrincipal;
  userId: number;
}): Promise<void> {
  const { deps, workspace } = input;
  const row = await inWorkspace(deps.db, workspace.id, (tx) => findStaffRow(tx, workspace.id, input.userId));
  if (!row) throw notFound('staff member');
  if (row.deactivated_at !== null) {
    throw new AppError('RULE_VIOLATION', 'reactivate the member before sending them a link');
  }
  await sendStaffPasswordLink({
    deps,
    userId: row.id,
    workspace,
    purpose: row.has_password ? 'reset' : 'invite',
    invitedBy: input.actor.name || input.actor.email,
  });
}

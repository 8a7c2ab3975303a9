import type { Tx } from '../../db/tenant.js';
import { inWorkspace } from '../../db/tenant.js';
import { hashToken, newToken } from '../../platform/auth/secrets.js';
import type { WorkspaceRef } from '../../platform/auth/principal.js';
import type { AppDeps } from '../../platform/deps.js';
import { queueAuthMail } from '../email/index.js';
import { loginEmail } from './credentials.js';
import { findCustomerByEmail, insertLoginToken, revokeLoginTokens } from './repository.js';

export const MAGIC_LINK_TTL_MINUTES = 15;

export interface RequestMagicLinkInput {
  deps: Pick<AppDeps, 'db' | 'config' | 'now' | 'jobs'>;
  workspace: WorkspaceRef;
  email: string;
  /** The portal's language, for a customer who has not chosen one ('' or omitted: the workspace's). */
  language?: string;
}

/**
 * The link in the email. Opening it shows a page with a button (GET spends nothing, so mail scanners
 * that pre-open links do no harm); the button's POST logs the customer in (see consume-magic-link.ts).
 */
export function magicLinkUrl(publicUrl: string, workspaceSlug: string, token: string): string {
  const query = new URLSearchParams({ token, workspace: workspaceSlug });
  return `${publicUrl}/api/auth/customer/magic-link/consume?${query.toString()}`;
}

/**
 * Creates a one-time login link (valid 15 minutes) for the customer and revokes the older ones, so only
 * the newest link in the inbox works. Runs in the caller's transaction, which also queues the mail.
 */
export async function issueLoginLink(
  tx: Tx,
  deps: Pick<AppDeps, 'config' | 'now'>,
  workspace: WorkspaceRef,
  customerId: number,
): Promise<string> {
  const token = newToken();
  const now = deps.now();
  await revokeLoginTokens(tx, workspace.id, customerId, now);
  await insertLoginToken(tx, {
    workspace_id: workspace.id,
    customer_id: customerId,
    token_hash: hashToken(token),
    created_at: now,
    expires_at: new Date(now.getTime() + MAGIC_LINK_TTL_MINUTES * 60_000),
  });
  return magicLinkUrl(deps.config.publicUrl, workspace.slug, token);
}

/**
 * Emails a one-time login link to an active customer of the workspace. Does nothing, silently, for an
 * unknown address: the caller answers the same either way, so the endpoint cannot be used to find out
 * who is a customer. The email is queued in the same transaction as the token.
 */
export async function requestMagicLink({
  deps,
  workspace,
  email,
  language,
}: RequestMagicLinkInput): Promise<void> {
  await inWorkspace(deps.db, workspace.id, async (tx) => {
    const customer = await findCustomerByEmail(tx, workspace.id, loginEmail(email));
    if (!customer?.is_active) return;
    const link = await issueLoginLink(tx, deps, workspace, customer.id);
    await queueAuthMail(
      tx,
      { jobs: deps.jobs, publicUrl: deps.config.publicUrl },
      {
        workspaceId: workspace.id,
        kind: 'login_link',
        language: customer.language || (language ?? ''),
        to: customer.email,
        name: customer.name,
        link,
        linkMinutes: MAGIC_LINK_TTL_MINUTES,
      },
    );
  });
}

import { inWorkspace } from '../../db/tenant.js';
import { hashToken } from '../../platform/auth/secrets.js';
import type { WorkspaceRef } from '../../platform/auth/principal.js';
import type { AppDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import type { CustomerLogin } from './login-customer.js';
import { findCustomerById, markCustomerEmailVerified, useLoginToken } from './repository.js';
import { createSession } from './sessions.js';

export interface ConsumeMagicLinkInput {
  deps: Pick<AppDeps, 'db' | 'config' | 'now'>;
  workspace: WorkspaceRef;
  token: string;
  userAgent: string;
}

const invalidLink = () =>
  new AppError('INVALID_CREDENTIALS', 'the login link is invalid, expired or already used');

/**
 * Trades a login link for a session. The token is marked used by a single conditional UPDATE, so a link
 * works exactly once even when clicked twice at the same moment; using it also verifies the email.
 */
export async function consumeMagicLink({
  deps,
  workspace,
  token,
  userAgent,
}: ConsumeMagicLinkInput): Promise<CustomerLogin> {
  const now = deps.now();
  return inWorkspace(deps.db, workspace.id, async (tx) => {
    const customerId = await useLoginToken(tx, workspace.id, hashToken(token), now);
    if (customerId === undefined) throw invalidLink();
    const customer = await findCustomerById(tx, workspace.id, customerId);
    if (!customer?.is_active) throw invalidLink();
    await markCustomerEmailVerified(tx, workspace.id, customer.id, now);
    const session = await createSession(tx, {
      workspaceId: workspace.id,
      owner: { customerId: customer.id },
      userAgent,
      now,
      ttlHours: deps.config.sessionTtlHours,
    });
    return { customer: { id: customer.id, email: customer.email, name: customer.name }, workspace, session };
  });
}

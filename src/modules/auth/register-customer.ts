import { inWorkspace } from '../../db/tenant.js';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../../platform/auth/passwords.js';
import type { WorkspaceRef } from '../../platform/auth/principal.js';
import type { AppDeps } from '../../platform/deps.js';
import { invalid } from '../../platform/errors.js';
import { queueEmail } from '../../platform/mail/queue-email.js';
import { normalizeEmail } from '../../platform/validation.js';
import { createCustomer, findCustomerByEmail } from '../customers/index.js';
import { issueLoginLink, MAGIC_LINK_TTL_MINUTES } from './request-magic-link.js';

export interface RegisterCustomerInput {
  deps: Pick<AppDeps, 'db' | 'config' | 'now' | 'jobs'>;
  workspace: WorkspaceRef;
  email: string;
  password: string;
  name: string;
}

/**
 * Self-service sign-up. The caller answers the same whether or not the email already has an account
 * (202, nobody logged in), so registration cannot tell who is a customer; the mailbox's owner learns
 * which case it was:
 * - a new address gets the account (with the password) and a link that confirms the address and logs in;
 * - an existing account is never changed (setting a password by registering would let anyone who knows
 *   the address take it over); its owner gets a login link and a note that they already have an account.
 * Both paths hash the password, so they take the same time.
 */
export async function registerCustomer(input: RegisterCustomerInput): Promise<void> {
  const { deps, workspace } = input;
  const email = normalizeEmail(input.email);
  if (input.password.length < MIN_PASSWORD_LENGTH) {
    throw invalid('password', `must be at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  await inWorkspace(deps.db, workspace.id, async (tx) => {
    const existing = await findCustomerByEmail(tx, workspace.id, email);
    if (existing) {
      await hashPassword(input.password);
      if (!existing.is_active) return;
      const link = await issueLoginLink(tx, deps, workspace, existing.id);
      await queueEmail(tx, deps.jobs, {
        workspaceId: workspace.id,
        to: existing.email,
        subject: `Your account at ${workspace.name}`,
        text:
          `Hello${existing.name ? ` ${existing.name}` : ''},\n\n` +
          `someone, perhaps you, tried to create an account for ${workspace.name} support with this ` +
          `address. You already have an account: log in with your password, or with this link (it works ` +
          `once and expires in ${MAGIC_LINK_TTL_MINUTES} minutes):\n\n${link}\n\n` +
          `If it was not you, ignore this email: nothing was changed.\n`,
        headers: { 'Auto-Submitted': 'auto-generated' },
      });
      return;
    }
    const customer = await createCustomer(tx, {
      workspaceId: workspace.id,
      email,
      name: input.name,
      password: input.password,
      unconfirmed: true,
    });
    const link = await issueLoginLink(tx, deps, workspace, customer.id);
    await queueEmail(tx, deps.jobs, {
      workspaceId: workspace.id,
      to: customer.email,
      subject: `Confirm your email for ${workspace.name}`,
      text:
        `Hello${customer.name ? ` ${customer.name}` : ''},\n\n` +
        `welcome to ${workspace.name} support. Confirm your address and log in with this link (it works ` +
        `once and expires in ${MAGIC_LINK_TTL_MINUTES} minutes):\n\n${link}\n\n` +
        `If you did not sign up, ignore this email.\n`,
      headers: { 'Auto-Submitted': 'auto-generated' },
    });
  });
}

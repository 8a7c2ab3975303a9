import { inWorkspace } from '../../db/tenant.js';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../../platform/auth/passwords.js';
import type { WorkspaceRef } from '../../platform/auth/principal.js';
import type { AppDeps } from '../../platform/deps.js';
import { invalid } from '../../platform/errors.js';
import { normalizeEmail } from '../../platform/validation.js';
import { createCustomer, findCustomerByEmail } from '../customers/index.js';
import { queueAuthMail } from '../email/index.js';
import { issueLoginLink, MAGIC_LINK_TTL_MINUTES } from './request-magic-link.js';

export interface RegisterCustomerInput {
  deps: Pick<AppDeps, 'db' | 'config' | 'now' | 'jobs'>;
  workspace: WorkspaceRef;
  email: string;
  password: string;
  name: string;
  /** The portal's language at sign-up: kept as the customer's (omitted: the workspace's applies). */
  language?: 'en' | 'de';
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
  const mailDeps = { jobs: deps.jobs, publicUrl: deps.config.publicUrl };
  await inWorkspace(deps.db, workspace.id, async (tx) => {
    const existing = await findCustomerByEmail(tx, workspace.id, email);
    if (existing) {
      await hashPassword(input.password);
      if (!existing.is_active) return;
      await queueAuthMail(tx, mailDeps, {
        workspaceId: workspace.id,
        kind: 'signup_existing_account',
        language: existing.language || (input.language ?? ''),
        to: existing.email,
        name: existing.name,
        link: await issueLoginLink(tx, deps, workspace, existing.id),
        linkMinutes: MAGIC_LINK_TTL_MINUTES,
      });
      return;
    }
    const customer = await createCustomer(tx, {
      workspaceId: workspace.id,
      email,
      name: input.name,
      password: input.password,
      unconfirmed: true,
      ...(input.language ? { language: input.language } : {}),
    });
    await queueAuthMail(tx, mailDeps, {
      workspaceId: workspace.id,
      kind: 'signup_confirmation',
      language: customer.language,
      to: customer.email,
      name: customer.name,
      link: await issueLoginLink(tx, deps, workspace, customer.id),
      linkMinutes: MAGIC_LINK_TTL_MINUTES,
    });
  });
}

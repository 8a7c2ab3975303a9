import { inWorkspace } from '../../db/tenant.js';
import { verifyPassword } from '../../platform/auth/passwords.js';
import type { WorkspaceRef } from '../../platform/auth/principal.js';
import type { AppDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { invalidCredentials, loginEmail } from './credentials.js';
import { findCustomerByEmail } from './repository.js';
import { createSession, type IssuedSession } from './sessions.js';

export interface CustomerLogin {
  customer: { id: number; email: string; name: string };
  workspace: WorkspaceRef;
  session: IssuedSession;
}

export interface LoginCustomerInput {
  deps: Pick<AppDeps, 'db' | 'config' | 'now'>;
  workspace: WorkspaceRef;
  email: string;
  password: string;
  userAgent: string;
}

/**
 * Checks a customer's password in the workspace and opens a session. An unknown email, a wrong password,
 * an account without a password (created by staff) and a disabled account all answer the same 401.
 */
export async function loginCustomer({
  deps,
  workspace,
  email,
  password,
  userAgent,
}: LoginCustomerInput): Promise<CustomerLogin> {
  const customer = await inWorkspace(deps.db, workspace.id, (tx) =>
    findCustomerByEmail(tx, workspace.id, loginEmail(email)),
  );
  // Outside the transaction: argon2 is slow on purpose and must not hold a connection.
  const passwordOk = await verifyPassword(customer?.password_hash, password);
  if (!customer || !passwordOk || !customer.is_active) throw invalidCredentials();
  // Told only to whoever knows the password: a sign-up's password works once the address is confirmed,
  // so nobody can use an account registered with someone else's address.
  if (customer.email_verified_at === null) {
    throw new AppError(
      'EMAIL_NOT_CONFIRMED',
      'confirm your email address with the link we sent, or ask for a new login link',
    );
  }
  const session = await inWorkspace(deps.db, workspace.id, (tx) =>
    createSession(tx, {
      workspaceId: workspace.id,
      owner: { customerId: customer.id },
      userAgent,
      now: deps.now(),
      ttlHours: deps.config.sessionTtlHours,
    }),
  );
  return { customer: { id: customer.id, email: customer.email, name: customer.name }, workspace, session };
}

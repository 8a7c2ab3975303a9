import { inWorkspace } from '../../db/tenant.js';
import { MIN_PASSWORD_LENGTH } from '../../platform/auth/passwords.js';
import type { WorkspaceRef } from '../../platform/auth/principal.js';
import type { AppDeps } from '../../platform/deps.js';
import { AppError, invalid } from '../../platform/errors.js';
import { normalizeEmail } from '../../platform/validation.js';
import { createCustomer, findCustomerByEmail } from '../customers/index.js';
import type { CustomerLogin } from './login-customer.js';
import { createSession } from './sessions.js';

export interface RegisterCustomerInput {
  deps: Pick<AppDeps, 'db' | 'config' | 'now'>;
  workspace: WorkspaceRef;
  email: string;
  password: string;
  name: string;
  userAgent: string;
}

/**
 * Self-service sign-up: creates the customer with a password and logs them in.
 *
 * An existing email is refused with 409, also when that customer has no password yet (staff opened a
 * ticket for them): setting a password by registering would let anyone who knows the address take over
 * the account and its tickets. Such customers prove they own the address with the magic link instead.
 * The answer is the same whether or not the existing account has a password.
 */
export async function registerCustomer(input: RegisterCustomerInput): Promise<CustomerLogin> {
  const { deps, workspace } = input;
  const email = normalizeEmail(input.email);
  if (input.password.length < MIN_PASSWORD_LENGTH) {
    throw invalid('password', `must be at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  return inWorkspace(deps.db, workspace.id, async (tx) => {
    if (await findCustomerByEmail(tx, workspace.id, email)) {
      throw new AppError(
        'ALREADY_EXISTS',
        'an account with this email already exists: log in, or ask for a login link by email ' +
          '(POST /api/auth/customer/magic-link)',
      );
    }
    const customer = await createCustomer(tx, {
      workspaceId: workspace.id,
      email,
      name: input.name,
      password: input.password,
    });
    const session = await createSession(tx, {
      workspaceId: workspace.id,
      owner: { customerId: customer.id },
      userAgent: input.userAgent,
      now: deps.now(),
      ttlHours: deps.config.sessionTtlHours,
    });
    return { customer: { id: customer.id, email: customer.email, name: customer.name }, workspace, session };
  });
}

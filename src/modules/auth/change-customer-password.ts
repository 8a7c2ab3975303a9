import { inWorkspace } from '../../db/tenant.js';
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from '../../platform/auth/passwords.js';
import type { AppDeps } from '../../platform/deps.js';
import { AppError, invalid } from '../../platform/errors.js';

export interface ChangeCustomerPasswordInput {
  deps: Pick<AppDeps, 'db' | 'now'>;
  workspaceId: number;
  customerId: number;
  /** The session the change is made from: it stays; every other one ends. */
  sessionId: number;
  currentPassword: string;
  newPassword: string;
}

/**
 * A logged-in customer changes their password. The current password is required (a session left open
 * on a shared computer must not be enough to take the account over); every other session of the
 * customer ends and unused password links are spent, so whoever knew the old password is out.
 * Returns how many sessions ended.
 */
export async function changeCustomerPassword(input: ChangeCustomerPasswordInput): Promise<number> {
  const { deps, workspaceId, customerId } = input;
  if (input.newPassword.length < MIN_PASSWORD_LENGTH) {
    throw invalid('new_password', `must be at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  const stored = await inWorkspace(deps.db, workspaceId, (tx) =>
    tx
      .selectFrom('customers')
      .select('password_hash')
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', customerId)
      .where('is_active', '=', true)
      .executeTakeFirst(),
  );
  if (!stored) throw new AppError('NOT_AUTHENTICATED', 'the account is no longer active');
  if (stored.password_hash === null) {
    throw new AppError(
      'RULE_VIOLATION',
      'this account has no password yet: ask for a link to set one (POST /api/auth/customer/password/forgot)',
    );
  }
  // argon2 outside the transactions: slow on purpose, it must not hold a connection.
  if (!(await verifyPassword(stored.password_hash, input.currentPassword))) {
    throw invalid('current_password', 'is not your current password');
  }
  const hash = await hashPassword(input.newPassword);
  const now = deps.now();
  return inWorkspace(deps.db, workspaceId, async (tx) => {
    await tx
      .updateTable('customers')
      .set({ password_hash: hash, updated_at: now })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', customerId)
      .execute();
    await tx
      .updateTable('password_tokens')
      .set({ used_at: now })
      .where('workspace_id', '=', workspaceId)
      .where('customer_id', '=', customerId)
      .where('used_at', 'is', null)
      .execute();
    const ended = await tx
      .deleteFrom('sessions')
      .where('workspace_id', '=', workspaceId)
      .where('customer_id', '=', customerId)
      .where('id', '!=', input.sessionId)
      .executeTakeFirst();
    return Number(ended.numDeletedRows);
  });
}

import { asSystem } from '../../db/tenant.js';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../../platform/auth/passwords.js';
import type { WorkspaceRef } from '../../platform/auth/principal.js';
import type { AppDeps } from '../../platform/deps.js';
import { AppError, invalid } from '../../platform/errors.js';
import { usePasswordToken } from './password-tokens.js';

export interface ResetPasswordInput {
  deps: Pick<AppDeps, 'db' | 'now'>;
  workspace: WorkspaceRef;
  token: string;
  password: string;
}

export interface PasswordSet {
  /** Who now has the password: the SPA sends staff to the staff login, customers to the portal's. */
  kind: 'staff' | 'customer';
  email: string;
}

const invalidLink = () =>
  new AppError('INVALID_CREDENTIALS', 'the link is invalid, expired or already used; ask for a new one');

/**
 * Sets a password with a one-time link (an invitation or a reset) and ends the person's sessions, so a
 * password someone else knew stops working everywhere. For a customer the link also confirms the email
 * address. One transaction as the system role — staff accounts are install-wide — that filters by the
 * workspace itself; the link is spent only if the password is stored.
 */
export async function resetPassword({
  deps,
  workspace,
  token,
  password,
}: ResetPasswordInput): Promise<PasswordSet> {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw invalid('password', `must be at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  // Hashed before the transaction: argon2 is slow on purpose and must not hold a connection.
  const hash = await hashPassword(password);
  const now = deps.now();
  return asSystem(deps.db, async (tx) => {
    const used = await usePasswordToken(tx, workspace.id, token, now);
    if (!used) throw invalidLink();
    const { holder } = used;
    if ('userId' in holder) {
      const member = await tx
        .selectFrom('users as u')
        .innerJoin('workspace_memberships as m', 'm.user_id', 'u.id')
        .select(['u.email', 'u.is_active', 'm.deactivated_at'])
        .where('u.id', '=', holder.userId)
        .where('m.workspace_id', '=', workspace.id)
        .executeTakeFirst();
      if (!member?.is_active || member.deactivated_at !== null) throw invalidLink();
      await tx
        .updateTable('users')
        .set({ password_hash: hash, updated_at: now })
        .where('id', '=', holder.userId)
        .execute();
      await tx.deleteFrom('sessions').where('user_id', '=', holder.userId).execute();
      return { kind: 'staff', email: member.email };
    }
    const customer = await tx
      .updateTable('customers')
      .set((eb) => ({
        password_hash: hash,
        updated_at: now,
        email_verified_at: eb.fn.coalesce('email_verified_at', eb.val(now)),
      }))
      .where('workspace_id', '=', workspace.id)
      .where('id', '=', holder.customerId)
      .where('is_active', '=', true)
      .returning('email')
      .executeTakeFirst();
    if (!customer) throw invalidLink();
    await tx
      .deleteFrom('sessions')
      .where('workspace_id', '=', workspace.id)
      .where('customer_id', '=', holder.customerId)
      .execute();
    return { kind: 'customer', email: customer.email };
  });
}

import type { Database } from '../../db/client.js';
import type { MemberRole } from '../../db/schema.js';
import { asSystem } from '../../db/tenant.js';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../../platform/auth/passwords.js';
import { AppError, invalid } from '../../platform/errors.js';
import { normalizeEmail } from '../../platform/validation.js';

export interface CreateStaffUserInput {
  workspaceId: number;
  email: string;
  role: MemberRole;
  name?: string;
  password?: string;
}

export interface StaffUserResult {
  id: number;
  email: string;
  name: string;
  role: MemberRole;
  /** False when the account already existed and was only added to this workspace. */
  created: boolean;
}

/**
 * Creates a staff account and its membership, or adds an existing account (same email) to the workspace.
 * An existing account's password is never changed here.
 */
export async function createStaffUser(db: Database, input: CreateStaffUserInput): Promise<StaffUserResult> {
  const email = normalizeEmail(input.email);
  if (input.password !== undefined && input.password.length < MIN_PASSWORD_LENGTH) {
    throw invalid('password', `must be at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  const passwordHash = input.password !== undefined ? await hashPassword(input.password) : null;
  return asSystem(db, async (tx) => {
    let user = await tx
      .selectFrom('users')
      .select(['id', 'email', 'name'])
      .where((eb) => eb(eb.fn('lower', ['email']), '=', email))
      .executeTakeFirst();
    const created = !user;
    if (!user) {
      user = await tx
        .insertInto('users')
        .values({ email, name: input.name?.trim() ?? '', password_hash: passwordHash })
        .returning(['id', 'email', 'name'])
        .executeTakeFirstOrThrow();
    }
    const membership = await tx
      .insertInto('workspace_memberships')
      .values({ workspace_id: input.workspaceId, user_id: user.id, role: input.role })
      .onConflict((oc) => oc.doNothing())
      .returning('role')
      .executeTakeFirst();
    if (!membership) throw new AppError('ALREADY_EXISTS', `${email} is already a member of this workspace`);
    return { id: user.id, email: user.email, name: user.name, role: input.role, created };
  });
}

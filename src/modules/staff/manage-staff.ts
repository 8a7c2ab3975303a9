/** An admin changes a member's role, deactivates or reactivates them (their tickets always stay). */
import type { MemberRole } from '../../db/schema.js';
import type { Tx } from '../../db/tenant.js';
import type { StaffPrincipal } from '../../platform/auth/principal.js';
import { AppError, notFound } from '../../platform/errors.js';
import { endAccess, findStaffRow, setMembership, type StaffRow } from './repository.js';

export interface ManageStaffInput {
  tx: Tx;
  workspaceId: number;
  actor: StaffPrincipal;
  userId: number;
  now: Date;
}

async function target({ tx, workspaceId, actor, userId }: ManageStaffInput): Promise<StaffRow> {
  const row = await findStaffRow(tx, workspaceId, userId);
  if (!row) throw notFound('staff member');
  if (row.id === actor.userId) {
    // The caller is an active admin, so this also keeps at least one admin in the workspace.
    throw new AppError('RULE_VIOLATION', 'you cannot change your own role or deactivate yourself');
  }
  return row;
}

/** Changes the member's role; the change applies to their next request (roles are read per request). */
export async function changeStaffRole(input: ManageStaffInput, role: MemberRole): Promise<StaffRow> {
  const row = await target(input);
  if (row.deactivated_at !== null) {
    throw new AppError('RULE_VIOLATION', 'reactivate the member before changing their role');
  }
  await setMembership(input.tx, input.workspaceId, row.id, { role });
  return { ...row, role };
}

/**
 * Deactivates the membership: the member's sessions in the workspace end and their tokens are revoked in
 * the same transaction, they can no longer log in to it, and they take no more automatically assigned
 * tickets. Their tickets, messages and history stay as they are (reassign them as needed).
 */
export async function deactivateStaff(input: ManageStaffInput): Promise<StaffRow> {
  const row = await target(input);
  if (row.deactivated_at !== null) return row;
  await setMembership(input.tx, input.workspaceId, row.id, {
    deactivated_at: input.now,
    availability: 'offline',
  });
  await endAccess(input.tx, input.workspaceId, row.id, input.now);
  return { ...row, deactivated_at: input.now };
}

/** Lets a deactivated member log in again (with their old password; their old tokens stay revoked). */
export async function reactivateStaff(input: ManageStaffInput): Promise<StaffRow> {
  const row = await target(input);
  if (row.deactivated_at === null) return row;
  await setMembership(input.tx, input.workspaceId, row.id, { deactivated_at: null });
  return { ...row, deactivated_at: null };
}

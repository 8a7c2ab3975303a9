import type { StaffRow } from './repository.js';

/** invited: the account has no password yet (the invitation link was not used). */
export type StaffStatus = 'active' | 'invited' | 'deactivated';

export function presentStaff(row: StaffRow, actorId: number) {
  const status: StaffStatus =
    row.deactivated_at !== null ? 'deactivated' : row.has_password ? 'active' : 'invited';
  const self = row.id === actorId;
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    status,
    deactivated_at: row.deactivated_at,
    last_login_at: row.last_login_at,
    created_at: row.created_at,
    // Nobody locks themselves out: an admin's own role and membership are changed by another admin.
    can: {
      change_role: !self && status !== 'deactivated',
      deactivate: !self && status !== 'deactivated',
      reactivate: status === 'deactivated',
      send_password_link: status !== 'deactivated',
    },
  };
}

export type StaffView = ReturnType<typeof presentStaff>;

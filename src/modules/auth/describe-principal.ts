import type { Database } from '../../db/client.js';
import type { MemberRole } from '../../db/schema.js';
import { asSystem } from '../../db/tenant.js';
import type { Principal, WorkspaceRef } from '../../platform/auth/principal.js';
import { listMemberships } from './repository.js';

export type Identity =
  | {
      kind: 'staff';
      user: { id: number; email: string; name: string };
      workspace: WorkspaceRef;
      role: MemberRole;
      workspaces: Array<{ slug: string; name: string; role: MemberRole }>;
    }
  | { kind: 'customer'; customer: { id: number; email: string; name: string }; workspace: WorkspaceRef };

/** Who the caller is, in which workspace, and (for staff) which other workspaces they may switch to. */
export async function describePrincipal(
  db: Database,
  principal: Principal,
  workspace: WorkspaceRef,
): Promise<Identity> {
  if (principal.kind === 'customer') {
    return {
      kind: 'customer',
      customer: { id: principal.customerId, email: principal.email, name: principal.name },
      workspace,
    };
  }
  // Memberships span workspaces, which a workspace-scoped transaction cannot see.
  const workspaces = await asSystem(db, (tx) => listMemberships(tx, principal.userId));
  return {
    kind: 'staff',
    user: { id: principal.userId, email: principal.email, name: principal.name },
    workspace,
    role: principal.role,
    workspaces,
  };
}

/** API shapes of logins and identities; never raw rows. */
import type { WorkspaceRef } from '../../platform/auth/principal.js';
import type { Identity } from './describe-principal.js';
import type { CustomerLogin } from './login-customer.js';
import type { StaffLogin } from './login-staff.js';

/** The workspace as embedded in auth answers: id, slug, name. */
export function presentWorkspace(ws: WorkspaceRef) {
  return { id: ws.id, slug: ws.slug, name: ws.name };
}

/** The answer to a staff login. */
export function presentStaffLogin(login: StaffLogin, csrfToken: string) {
  return {
    user: login.user,
    workspace: presentWorkspace(login.workspace),
    role: login.role,
    csrf_token: csrfToken,
  };
}

/** The answer to a customer login, registration or used login link. */
export function presentCustomerLogin(login: CustomerLogin, csrfToken: string) {
  return { customer: login.customer, workspace: presentWorkspace(login.workspace), csrf_token: csrfToken };
}

/** /api/auth/me; csrfToken is null unless the caller came with a session cookie. */
export function presentIdentity(identity: Identity, csrfToken: string | null) {
  if (identity.kind === 'customer') {
    return {
      kind: identity.kind,
      customer: identity.customer,
      workspace: presentWorkspace(identity.workspace),
      csrf_token: csrfToken,
    };
  }
  return {
    kind: identity.kind,
    user: identity.user,
    workspace: presentWorkspace(identity.workspace),
    role: identity.role,
    workspaces: identity.workspaces,
    csrf_token: csrfToken,
  };
}

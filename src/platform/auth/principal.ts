/** Who is calling, and in which workspace: set on every request by the authenticate hook. */
import type { MemberRole } from '../../db/schema.js';

export interface StaffPrincipal {
  kind: 'staff';
  userId: number;
  email: string;
  name: string;
  role: MemberRole;
  via: 'session' | 'token';
  sessionId: number | null;
  tokenId: number | null;
}

export interface CustomerPrincipal {
  kind: 'customer';
  customerId: number;
  email: string;
  name: string;
  via: 'session';
  sessionId: number;
}

export type Principal = StaffPrincipal | CustomerPrincipal;

export interface WorkspaceRef {
  id: number;
  slug: string;
  name: string;
  default_language: string;
  timezone: string;
  ticket_prefix: string;
  /** Settings the ticket views and ticket creation read: loaded with the workspace, no query of their own. */
  default_priority: string;
  order_url_template: string;
  consignment_url_template: string;
}

/**
 * Who may call a route. Every route must declare one (app.ts refuses to start otherwise): there is no
 * implicit default, so a forgotten rule cannot open a route.
 * - public: anyone; the workspace comes from X-Workspace / ?workspace= / the only workspace.
 * - authenticated: a staff member or a customer.
 * - customer / staff / admin: that kind of principal (admin = staff with the admin role).
 */
export type Access = 'public' | 'authenticated' | 'customer' | 'staff' | 'admin';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
    workspace: WorkspaceRef | null;
    /** The raw session token from the cookie, when the principal came from a session. */
    sessionToken: string | null;
  }
  interface FastifyContextConfig {
    access?: Access;
    /** POSTs that create something honour Idempotency-Key. */
    idempotent?: boolean;
    /** Response fields never stored for an Idempotency-Key replay (secrets shown once, such as a new token). */
    idempotencyRedact?: string[];
    /** Only for login/register routes, which create the session they would be checked against. */
    skipCsrf?: boolean;
    /**
     * Routes that never read the caller or the workspace (the health check; /metrics, which checks its
     * own token): authentication resolves neither, so they cost no lookup.
     */
    noPrincipal?: boolean;
  }
}

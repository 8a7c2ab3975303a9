/**
 * The onRequest hook: resolves the principal (bearer token or session cookie) and the workspace, checks
 * the CSRF token on cookie-authenticated writes, then enforces the route's declared Access.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database } from '../../db/client.js';
import { asSystemStatement } from '../../db/tenant.js';
import { AppError } from '../errors.js';
import { checkAccess } from './access.js';
import * as repo from './repository.js';
import { csrfTokenFor, hashToken, safeEqual } from './secrets.js';

export const SESSION_COOKIE = 'bfg2_session';
const TOUCH_AFTER_MS = 5 * 60 * 1000;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The workspace slug the caller named (X-Workspace header or ?workspace=), lower-cased. */
export function requestedWorkspaceSlug(request: FastifyRequest): string | null {
  const header = request.headers['x-workspace'];
  if (typeof header === 'string' && header.trim()) return header.trim().toLowerCase();
  const query = (request.query as Record<string, unknown> | undefined)?.workspace;
  return typeof query === 'string' && query.trim() ? query.trim().toLowerCase() : null;
}

function bearerToken(request: FastifyRequest): string | null {
  const h = request.headers.authorization;
  if (!h) return null;
  const m = /^Bearer\s+(\S+)$/i.exec(h);
  if (!m?.[1]) throw new AppError('NOT_AUTHENTICATED', 'the Authorization header must be "Bearer <token>"');
  return m[1];
}

const workspaceNotFound = () => new AppError('NOT_FOUND', 'workspace not found');

export function registerAuthentication(
  app: FastifyInstance,
  db: Database,
  secret: string,
  now: () => Date,
): void {
  app.decorateRequest('principal', null);
  app.decorateRequest('workspace', null);
  app.decorateRequest('sessionToken', null);

  app.addHook('onRequest', async (request) => {
    const { access, noPrincipal } = request.routeOptions.config;
    if (!access || noPrincipal) return; // unmatched routes go to the 404 handler
    const slug = requestedWorkspaceSlug(request);
    const token = bearerToken(request);
    const cookie = request.cookies[SESSION_COOKIE];
    const at = now();

    // One statement resolves the credential, the person, the workspace and the role (repository.ts).
    const reader = asSystemStatement(db);
    if (token) {
      const row = await repo.findTokenPrincipal(reader, hashToken(token), at);
      if (!row) throw new AppError('NOT_AUTHENTICATED', 'the bearer token is invalid, expired or revoked');
      const ws = row.workspace;
      if (!ws || (slug && slug !== ws.slug)) throw workspaceNotFound();
      request.workspace = ws;
      request.principal = {
        kind: 'staff',
        userId: row.user_id,
        email: row.email,
        name: row.name,
        role: row.role,
        via: 'token',
        sessionId: null,
        tokenId: row.id,
      };
      if (!row.last_used_at || at.getTime() - row.last_used_at.getTime() > TOUCH_AFTER_MS) {
        await repo.touchToken(reader, row.id, at);
      }
    } else {
      const session = cookie
        ? await repo.findSessionPrincipal(reader, hashToken(cookie), at, slug)
        : undefined;
      if (session && session.user_id !== null && session.user_active) {
        const ws = session.workspace;
        if (!ws || !session.role) throw workspaceNotFound();
        request.workspace = ws;
        request.principal = {
          kind: 'staff',
          userId: session.user_id,
          email: session.user_email ?? '',
          name: session.user_name ?? '',
          role: session.role,
          via: 'session',
          sessionId: session.id,
          tokenId: null,
        };
      } else if (session && session.customer_id !== null && session.customer_active) {
        // A customer belongs to the session's workspace only; naming another one finds nothing.
        const ws = session.workspace;
        if (!ws || ws.id !== session.workspace_id) throw workspaceNotFound();
        request.workspace = ws;
        request.principal = {
          kind: 'customer',
          customerId: session.customer_id,
          email: session.customer_email ?? '',
          name: session.customer_name ?? '',
          via: 'session',
          sessionId: session.id,
        };
      } else {
        const ws = slug ? await repo.findWorkspaceBySlug(reader, slug) : await repo.soleWorkspace(reader);
        if (slug && !ws) throw workspaceNotFound();
        request.workspace = ws ?? null;
      }
      if (request.principal && session) {
        request.sessionToken = cookie ?? null;
        if (at.getTime() - session.last_seen_at.getTime() > TOUCH_AFTER_MS)
          await repo.touchSession(reader, session.id, at);
      }
    }

    if (request.sessionToken && !SAFE_METHODS.has(request.method) && !request.routeOptions.config.skipCsrf) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !safeEqual(sent, csrfTokenFor(secret, request.sessionToken))) {
        throw new AppError(
          'CSRF_TOKEN_INVALID',
          'send the X-CSRF-Token header given by login or /api/auth/me',
        );
      }
    }
    checkAccess(access, request);
  });
}

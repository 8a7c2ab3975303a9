/**
 * /api/auth: staff and customer logins, sessions, /me and the staff's API tokens. Thin: rate limit,
 * authenticate (the onRequest hook), validate (schema), one use case, present.
 */
import type { FastifyInstance } from 'fastify';
import { workspaceOf } from '../../platform/auth/access.js';
import { requestedWorkspaceSlug } from '../../platform/auth/authenticate.js';
import { createFailureThrottle, createRateLimiter } from '../../platform/auth/rate-limit.js';
import { csrfTokenFor } from '../../platform/auth/secrets.js';
import type { AppDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { customerAuthRoutes } from './customer-routes.js';
import { passwordRoutes } from './password-routes.js';
import { profileRoutes } from './profile-routes.js';
import { describePrincipal } from './describe-principal.js';
import { loginStaff } from './login-staff.js';
import { presentIdentity, presentStaffLogin } from './presenter.js';
import {
  AUTH_RATE_LIMITS,
  credentialRateLimit,
  LOGIN_FAILURE_DELAY,
  throttledLogin,
  type AuthRateLimits,
} from './rate-limits.js';
import { logoutSchema, meSchema, staffLoginSchema, type StaffLoginBody } from './schema.js';
import { clearSessionCookie, setSessionCookie, userAgentOf } from './session-cookie.js';
import { destroySession } from './sessions.js';

export interface AuthRoutesOptions {
  deps: AppDeps;
  /** Defaults to AUTH_RATE_LIMITS with the configured attempts per IP; tests may pass their own. */
  rateLimits?: AuthRateLimits;
}

/** Registers every /api/auth route; app.ts registers this plugin once. */
export async function authRoutes(app: FastifyInstance, opts: AuthRoutesOptions): Promise<void> {
  const { deps } = opts;
  const limits = opts.rateLimits ?? {
    ...AUTH_RATE_LIMITS,
    perIp: { ...AUTH_RATE_LIMITS.perIp, max: deps.config.authAttemptsPerMinute },
  };
  const clock = () => deps.now().getTime();
  const limiter = createRateLimiter(clock);
  const failures = createFailureThrottle(LOGIN_FAILURE_DELAY, clock);
  const secret = deps.config.sessionSecret;
  const secure = deps.config.secureCookies;

  app.post<{ Body: StaffLoginBody }>(
    '/api/auth/login',
    {
      config: { access: 'public', skipCsrf: true },
      schema: staffLoginSchema,
      preHandler: credentialRateLimit(limiter, limits, 'staff-login', failures),
    },
    async (request, reply) => {
      const login = await throttledLogin(failures, request, 'staff-login', () =>
        loginStaff({
          deps,
          email: request.body.email,
          password: request.body.password,
          workspaceSlug: request.body.workspace ?? requestedWorkspaceSlug(request),
          userAgent: userAgentOf(request),
        }),
      );
      // A previous session in this browser (another account, say) ends with the new login.
      if (request.sessionToken) await destroySession(deps.db, request.sessionToken);
      setSessionCookie(reply, login.session, secure);
      return presentStaffLogin(login, csrfTokenFor(secret, login.session.token));
    },
  );

  app.post(
    '/api/auth/logout',
    { config: { access: 'authenticated' }, schema: logoutSchema },
    async (request, reply) => {
      // Bearer tokens have no session to end: they are revoked with DELETE /api/auth/tokens/{id}.
      if (request.sessionToken) await destroySession(deps.db, request.sessionToken);
      clearSessionCookie(reply, secure);
      return reply.status(204).send();
    },
  );

  app.get('/api/auth/me', { config: { access: 'authenticated' }, schema: meSchema }, async (request) => {
    const principal = request.principal;
    if (!principal) throw new AppError('NOT_AUTHENTICATED', 'log in or send a bearer token');
    const identity = await describePrincipal(deps.db, principal, workspaceOf(request));
    return presentIdentity(
      identity,
      request.sessionToken ? csrfTokenFor(secret, request.sessionToken) : null,
    );
  });

  await app.register(customerAuthRoutes, { deps, limiter, limits, failures });
  await app.register(passwordRoutes, { deps, limiter, limits });
  await app.register(profileRoutes, { deps, limiter, limits });
}

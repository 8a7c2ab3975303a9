/** /api/auth/customer: register, log in, and the magic link. The workspace comes from the request. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { workspaceOf } from '../../platform/auth/access.js';
import type { FailureThrottle, RateLimiter } from '../../platform/auth/rate-limit.js';
import { csrfTokenFor } from '../../platform/auth/secrets.js';
import type { AppDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { consumeMagicLink } from './consume-magic-link.js';
import { consumeUrl, magicLinkPage, pageLanguage } from './magic-link-page.js';
import { loginCustomer, type CustomerLogin } from './login-customer.js';
import { presentCustomerLogin } from './presenter.js';
import { credentialRateLimit, throttledLogin, type AuthRateLimits } from './rate-limits.js';
import { registerCustomer } from './register-customer.js';
import { requestMagicLink } from './request-magic-link.js';
import {
  consumePageSchema,
  consumeSchema,
  customerLoginSchema,
  customerRegisterSchema,
  magicLinkSchema,
  type ConsumeQuery,
  type CustomerLoginBody,
  type CustomerRegisterBody,
  type MagicLinkBody,
} from './schema.js';
import { setSessionCookie, userAgentOf } from './session-cookie.js';
import { destroySession } from './sessions.js';

export interface CustomerAuthRoutesOptions {
  deps: AppDeps;
  limiter: RateLimiter;
  limits: AuthRateLimits;
  failures: FailureThrottle;
}

/** Where a followed login link lands. */
const AFTER_LINK_LOGIN = '/portal';

/** Registers the customer routes of /api/auth. */
export async function customerAuthRoutes(
  app: FastifyInstance,
  opts: CustomerAuthRoutesOptions,
): Promise<void> {
  const { deps, limiter, limits, failures } = opts;
  const secret = deps.config.sessionSecret;

  /** Sets the cookie of a new customer session (ending the browser's previous one) and presents it. */
  const startSession = async (request: FastifyRequest, reply: FastifyReply, login: CustomerLogin) => {
    if (request.sessionToken) await destroySession(deps.db, request.sessionToken);
    setSessionCookie(reply, login.session, deps.config.secureCookies);
    return presentCustomerLogin(login, csrfTokenFor(secret, login.session.token));
  };

  app.post<{ Body: CustomerRegisterBody }>(
    '/api/auth/customer/register',
    {
      config: { access: 'public', skipCsrf: true },
      schema: customerRegisterSchema,
      preHandler: credentialRateLimit(limiter, limits, 'customer-register'),
    },
    async (request, reply) => {
      await registerCustomer({
        deps,
        workspace: workspaceOf(request),
        email: request.body.email,
        password: request.body.password,
        name: request.body.name,
        ...(request.body.language ? { language: request.body.language } : {}),
      });
      return reply.status(202).send({ status: 'sent' });
    },
  );

  app.post<{ Body: CustomerLoginBody }>(
    '/api/auth/customer/login',
    {
      config: { access: 'public', skipCsrf: true },
      schema: customerLoginSchema,
      preHandler: credentialRateLimit(limiter, limits, 'customer-login', failures),
    },
    async (request, reply) => {
      const login = await throttledLogin(failures, request, 'customer-login', () =>
        loginCustomer({
          deps,
          workspace: workspaceOf(request),
          email: request.body.email,
          password: request.body.password,
          userAgent: userAgentOf(request),
        }),
      );
      return startSession(request, reply, login);
    },
  );

  app.post<{ Body: MagicLinkBody }>(
    '/api/auth/customer/magic-link',
    {
      config: { access: 'public', skipCsrf: true },
      schema: magicLinkSchema,
      preHandler: credentialRateLimit(limiter, limits, 'magic-link'),
    },
    async (request, reply) => {
      await requestMagicLink({
        deps,
        workspace: workspaceOf(request),
        email: request.body.email,
        ...(request.body.language ? { language: request.body.language } : {}),
      });
      return reply.status(202).send({ status: 'sent' });
    },
  );

  const consume = (request: FastifyRequest<{ Querystring: ConsumeQuery }>) =>
    consumeMagicLink({
      deps,
      workspace: workspaceOf(request),
      token: request.query.token,
      userAgent: userAgentOf(request),
    });

  // The link in the email opens a page with a button; opening it spends nothing.
  app.get<{ Querystring: ConsumeQuery }>(
    '/api/auth/customer/magic-link/consume',
    { config: { access: 'public' }, schema: consumePageSchema },
    async (request, reply) => {
      const ws = workspaceOf(request);
      return reply
        .header('Cache-Control', 'no-store')
        .header('Referrer-Policy', 'no-referrer')
        .type('text/html; charset=utf-8')
        .send(
          magicLinkPage(
            ws.name,
            consumeUrl(request.query.token, ws.slug),
            pageLanguage(request.headers['accept-language'], ws.default_language),
          ),
        );
    },
  );

  // The page's form posts an empty urlencoded body; only this plugin's routes parse that type.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 4096 },
    (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
  );

  // The button of the page (303 to the web UI, logged in), or a script or the SPA (answers like a login).
  app.post<{ Querystring: ConsumeQuery }>(
    '/api/auth/customer/magic-link/consume',
    { config: { access: 'public', skipCsrf: true }, schema: consumeSchema },
    async (request, reply) => {
      const fromForm = request.headers['content-type']?.startsWith('application/x-www-form-urlencoded');
      if (fromForm) assertSameSite(request);
      const session = await startSession(request, reply, await consume(request));
      return fromForm ? reply.redirect(AFTER_LINK_LOGIN, 303) : session;
    },
  );
}

/**
 * A form another site posts (to log the reader into an account of the sender's) is refused. Browsers
 * send Sec-Fetch-Site with form posts, which no page can forge: it decides when present. Without it,
 * the Origin must be ours (or absent). The page is served with Referrer-Policy: no-referrer, so
 * Chromium sends `Origin: null` for its own form: that is why Sec-Fetch-Site comes first.
 */
function assertSameSite(request: FastifyRequest): void {
  const site = request.headers['sec-fetch-site'];
  const origin = request.headers.origin;
  let allowed: boolean;
  if (site !== undefined) {
    allowed = site === 'same-origin' || site === 'none';
  } else if (origin === undefined) {
    allowed = true;
  } else {
    try {
      allowed = new URL(origin).host === request.host;
    } catch {
      allowed = false;
    }
  }
  if (!allowed) throw new AppError('FORBIDDEN', 'a login link can only be used from its own page');
}

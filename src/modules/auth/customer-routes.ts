/** /api/auth/customer: register, log in, and the magic link. The workspace comes from the request. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { workspaceOf } from '../../platform/auth/access.js';
import type { RateLimiter } from '../../platform/auth/rate-limit.js';
import { csrfTokenFor } from '../../platform/auth/secrets.js';
import type { AppDeps } from '../../platform/deps.js';
import { consumeMagicLink } from './consume-magic-link.js';
import { loginCustomer, type CustomerLogin } from './login-customer.js';
import { presentCustomerLogin } from './presenter.js';
import { credentialRateLimit, type AuthRateLimits } from './rate-limits.js';
import { registerCustomer } from './register-customer.js';
import { requestMagicLink } from './request-magic-link.js';
import {
  consumeJsonSchema,
  consumeRedirectSchema,
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
}

/** Where a followed login link lands. */
const AFTER_LINK_LOGIN = '/';

/** Registers the customer routes of /api/auth. */
export async function customerAuthRoutes(
  app: FastifyInstance,
  opts: CustomerAuthRoutesOptions,
): Promise<void> {
  const { deps, limiter, limits } = opts;
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
      const login = await registerCustomer({
        deps,
        workspace: workspaceOf(request),
        email: request.body.email,
        password: request.body.password,
        name: request.body.name,
        userAgent: userAgentOf(request),
      });
      return reply.status(201).send(await startSession(request, reply, login));
    },
  );

  app.post<{ Body: CustomerLoginBody }>(
    '/api/auth/customer/login',
    {
      config: { access: 'public', skipCsrf: true },
      schema: customerLoginSchema,
      preHandler: credentialRateLimit(limiter, limits, 'customer-login'),
    },
    async (request, reply) => {
      const login = await loginCustomer({
        deps,
        workspace: workspaceOf(request),
        email: request.body.email,
        password: request.body.password,
        userAgent: userAgentOf(request),
      });
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
      await requestMagicLink({ deps, workspace: workspaceOf(request), email: request.body.email });
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

  // The link in the email: a browser follows it and lands on the web UI, logged in.
  app.get<{ Querystring: ConsumeQuery }>(
    '/api/auth/customer/magic-link/consume',
    { config: { access: 'public' }, schema: consumeRedirectSchema },
    async (request, reply) => {
      await startSession(request, reply, await consume(request));
      return reply.redirect(AFTER_LINK_LOGIN, 303);
    },
  );

  // The same for the SPA or a script, answering like a login.
  app.post<{ Querystring: ConsumeQuery }>(
    '/api/auth/customer/magic-link/consume',
    { config: { access: 'public', skipCsrf: true }, schema: consumeJsonSchema },
    async (request, reply) => startSession(request, reply, await consume(request)),
  );
}

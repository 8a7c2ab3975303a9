/**
 * Forgotten passwords and invitations: ask for a link (customers per workspace, staff install-wide) and
 * set a password with one. Every request answers 202 whether or not the address has an account.
 */
import type { FastifyInstance } from 'fastify';
import { workspaceOf } from '../../platform/auth/access.js';
import { requestedWorkspaceSlug } from '../../platform/auth/authenticate.js';
import type { RateLimiter } from '../../platform/auth/rate-limit.js';
import type { AppDeps } from '../../platform/deps.js';
import { requestCustomerPasswordReset, requestStaffPasswordReset } from './forgot-password.js';
import { credentialRateLimit, type AuthRateLimits } from './rate-limits.js';
import { resetPassword } from './reset-password.js';
import {
  forgotPasswordSchema,
  resetPasswordSchema,
  type ForgotPasswordBody,
  type ResetPasswordBody,
} from './schema.js';

export async function passwordRoutes(
  app: FastifyInstance,
  opts: { deps: AppDeps; limiter: RateLimiter; limits: AuthRateLimits },
): Promise<void> {
  const { deps, limiter, limits } = opts;

  app.post<{ Body: ForgotPasswordBody }>(
    '/api/auth/customer/password/forgot',
    {
      config: { access: 'public', skipCsrf: true },
      schema: { ...forgotPasswordSchema, summary: 'Email a customer a link to choose a new password' },
      preHandler: credentialRateLimit(limiter, limits, 'customer-password'),
    },
    async (request, reply) => {
      await requestCustomerPasswordReset({
        deps,
        workspace: workspaceOf(request),
        email: request.body.email,
        language: request.body.language ?? '',
      });
      return reply.status(202).send({ status: 'sent' });
    },
  );

  app.post<{ Body: ForgotPasswordBody }>(
    '/api/auth/password/forgot',
    {
      config: { access: 'public', skipCsrf: true },
      schema: { ...forgotPasswordSchema, summary: 'Email a staff member a link to choose a new password' },
      preHandler: credentialRateLimit(limiter, limits, 'staff-password'),
    },
    async (request, reply) => {
      await requestStaffPasswordReset({
        deps,
        email: request.body.email,
        workspaceSlug: requestedWorkspaceSlug(request),
        language: request.body.language ?? '',
      });
      return reply.status(202).send({ status: 'sent' });
    },
  );

  app.post<{ Body: ResetPasswordBody }>(
    '/api/auth/password/reset',
    {
      config: { access: 'public', skipCsrf: true },
      schema: resetPasswordSchema,
      preHandler: credentialRateLimit(limiter, limits, 'password-reset'),
    },
    async (request) =>
      resetPassword({
        deps,
        workspace: workspaceOf(request),
        token: request.body.token,
        password: request.body.password,
      }),
  );
}

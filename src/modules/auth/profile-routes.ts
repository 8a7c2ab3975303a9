/** The customer's own profile: GET/PATCH /api/auth/customer/profile, POST /api/auth/customer/password. */
import type { FastifyInstance } from 'fastify';
import { inWorkspace } from '../../db/tenant.js';
import { customerOf, workspaceOf } from '../../platform/auth/access.js';
import type { RateLimiter } from '../../platform/auth/rate-limit.js';
import type { AppDeps } from '../../platform/deps.js';
import { changeCustomerPassword } from './change-customer-password.js';
import { getCustomerProfile, updateCustomerProfile } from './customer-profile.js';
import {
  changePasswordSchema,
  getProfileSchema,
  updateProfileSchema,
  type ChangePasswordBody,
  type ProfileBody,
} from './profile-schema.js';
import { credentialRateLimit, type AuthRateLimits } from './rate-limits.js';

const PROFILE = '/api/auth/customer/profile';

export async function profileRoutes(
  app: FastifyInstance,
  opts: { deps: AppDeps; limiter: RateLimiter; limits: AuthRateLimits },
): Promise<void> {
  const { deps, limiter, limits } = opts;

  app.get(PROFILE, { config: { access: 'customer' }, schema: getProfileSchema }, async (request) => {
    const ws = workspaceOf(request);
    const { customerId } = customerOf(request);
    return inWorkspace(deps.db, ws.id, (tx) => getCustomerProfile({ tx, workspaceId: ws.id, customerId }));
  });

  app.patch<{ Body: ProfileBody }>(
    PROFILE,
    { config: { access: 'customer' }, schema: updateProfileSchema },
    async (request) => {
      const ws = workspaceOf(request);
      const { customerId } = customerOf(request);
      return inWorkspace(deps.db, ws.id, (tx) =>
        updateCustomerProfile({ tx, workspaceId: ws.id, customerId, now: deps.now() }, request.body),
      );
    },
  );

  app.post<{ Body: ChangePasswordBody }>(
    '/api/auth/customer/password',
    {
      config: { access: 'customer' },
      schema: changePasswordSchema,
      // Per source address: guessing the current password from a stolen session is throttled too.
      preHandler: credentialRateLimit(limiter, limits, 'customer-password-change'),
    },
    async (request) => {
      const ws = workspaceOf(request);
      const customer = customerOf(request);
      const ended = await changeCustomerPassword({
        deps,
        workspaceId: ws.id,
        customerId: customer.customerId,
        sessionId: customer.sessionId,
        currentPassword: request.body.current_password,
        newPassword: request.body.new_password,
      });
      return { ended_sessions: ended };
    },
  );
}

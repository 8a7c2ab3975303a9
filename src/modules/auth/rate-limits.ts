/**
 * Limits on the credential endpoints: per client IP (all of them together) and per email address (each
 * endpoint on its own, and per workspace for customers), so neither one address nor one account can be
 * guessed at or flooded with login links.
 */
import type { FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { RateLimit, RateLimiter } from '../../platform/auth/rate-limit.js';

export interface AuthRateLimits {
  perIp: RateLimit;
  perEmail: RateLimit;
}

/** Production limits: 10 attempts a minute per IP, 5 per 15 minutes per email and endpoint. */
export const AUTH_RATE_LIMITS: AuthRateLimits = {
  perIp: { max: 10, windowMs: 60_000 },
  perEmail: { max: 5, windowMs: 15 * 60_000 },
};

export type CredentialEndpoint = 'staff-login' | 'customer-login' | 'customer-register' | 'magic-link';

function emailOf(request: FastifyRequest): string | null {
  const body = request.body as { email?: unknown } | null | undefined;
  return typeof body?.email === 'string' ? body.email.trim().toLowerCase() : null;
}

/** A preHandler that counts the attempt and answers 429 with Retry-After once a limit is exceeded. */
export function credentialRateLimit(
  limiter: RateLimiter,
  limits: AuthRateLimits,
  endpoint: CredentialEndpoint,
): preHandlerAsyncHookHandler {
  return async (request) => {
    const email = emailOf(request);
    // Staff accounts are install-wide; customers are per workspace.
    const scope = endpoint === 'staff-login' ? '*' : String(request.workspace?.id ?? '-');
    limiter.hit([
      { key: `ip:${request.ip}`, limit: limits.perIp },
      ...(email ? [{ key: `${endpoint}:${scope}:${email}`, limit: limits.perEmail }] : []),
    ]);
  };
}

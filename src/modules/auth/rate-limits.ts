/**
 * Limits on the credential endpoints. Per client IP, every attempt on any of them counts (a ceiling on
 * guessing and flooding from one place). Per account and source together, failed passwords count, with
 * a growing delay and a reset on success (login-throttle.test.ts): nobody can lock out someone else's
 * account, and successful logins never count. Login links and sign-ups are counted per email and source,
 * so one address cannot flood an inbox and a stranger cannot stop its owner from getting a link.
 */
import type { FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type {
  FailureDelay,
  FailureThrottle,
  RateLimit,
  RateLimiter,
} from '../../platform/auth/rate-limit.js';
import { AppError } from '../../platform/errors.js';

export interface AuthRateLimits {
  perIp: RateLimit;
  /** Login links and sign-ups per email and source address. */
  perEmail: RateLimit;
}

/** Production limits: 10 attempts a minute per IP, 5 links or sign-ups per 15 minutes per email and IP. */
export const AUTH_RATE_LIMITS: AuthRateLimits = {
  perIp: { max: 10, windowMs: 60_000 },
  perEmail: { max: 5, windowMs: 15 * 60_000 },
};

/** Failed logins per account and source: 3 free, then 2 s, 4 s, 8 s … at most 15 minutes. */
export const LOGIN_FAILURE_DELAY: FailureDelay = {
  freeFailures: 3,
  firstDelayMs: 2_000,
  maxDelayMs: 15 * 60_000,
  forgetAfterMs: 24 * 60 * 60_000,
};

export type CredentialEndpoint =
  | 'staff-login'
  | 'customer-login'
  | 'customer-register'
  | 'magic-link'
  | 'customer-password'
  | 'customer-password-change'
  | 'staff-password'
  | 'password-reset';

function emailOf(request: FastifyRequest): string | null {
  const body = request.body as { email?: unknown } | null | undefined;
  return typeof body?.email === 'string' ? body.email.trim().toLowerCase() : null;
}

/** The account and source a login attempt is counted under. */
function accountKey(request: FastifyRequest, endpoint: CredentialEndpoint): string | null {
  const email = emailOf(request);
  // Staff accounts are install-wide; customers are per workspace.
  const scope =
    endpoint === 'staff-login' || endpoint === 'staff-password' ? '*' : String(request.workspace?.id ?? '-');
  return email ? `${endpoint}:${scope}:${email}:${request.ip}` : null;
}

/**
 * A preHandler that counts the attempt per IP (and, for links and sign-ups, per email and IP) and
 * answers 429 with Retry-After once a limit is exceeded; for logins, also while the account and source
 * must wait after failures.
 */
export function credentialRateLimit(
  limiter: RateLimiter,
  limits: AuthRateLimits,
  endpoint: CredentialEndpoint,
  failures?: FailureThrottle,
): preHandlerAsyncHookHandler {
  return async (request) => {
    const key = accountKey(request, endpoint);
    const perEmail = !failures && key ? [{ key, limit: limits.perEmail }] : [];
    limiter.hit([{ key: `ip:${request.ip}`, limit: limits.perIp }, ...perEmail]);
    if (failures && key) failures.check(key);
  };
}

/**
 * Runs a login and tells the throttle how it went: a refused password counts as a failure of the
 * account and source, a success forgets their failures.
 */
export async function throttledLogin<T>(
  failures: FailureThrottle,
  request: FastifyRequest,
  endpoint: CredentialEndpoint,
  login: () => Promise<T>,
): Promise<T> {
  const key = accountKey(request, endpoint);
  try {
    const result = await login();
    if (key) failures.succeed(key);
    return result;
  } catch (err) {
    if (key && err instanceof AppError && err.code === 'INVALID_CREDENTIALS') failures.fail(key);
    throw err;
  }
}

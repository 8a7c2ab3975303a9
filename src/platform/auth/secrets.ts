/** Random tokens, their stored hashes and HMAC-derived values (CSRF). */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new random token: 32 bytes, base64url, optionally with a readable prefix. */
export function newToken(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

/** What the database stores instead of a token. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function hmac(secret: string, purpose: string, value: string): string {
  return createHmac('sha256', secret).update(`${purpose}:${value}`).digest('base64url');
}

export function csrfTokenFor(secret: string, sessionToken: string): string {
  return hmac(secret, 'csrf', sessionToken);
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

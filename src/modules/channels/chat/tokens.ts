/**
 * The two tokens of live chat:
 * - the visitor token, handed out by POST /api/support/chat/start: it is the visitor's key to that one
 *   conversation (WebSocket, transcript), stored only as its sha256;
 * - the shop's customer token, optional at start: `<base64url JSON {email, name?, exp}>.<hex HMAC-SHA256
 *   (chat_identity secret, first part)>`, made by the host shop for a logged-in customer, so the chat is
 *   theirs without asking for name and email.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { hashToken } from '../../../platform/auth/secrets.js';
import { invalid } from '../../../platform/errors.js';
import { normalizeEmail } from '../../../platform/validation.js';

export function newVisitorToken(): { token: string; hash: string } {
  const token = `chat_${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashToken(token) };
}

export const visitorTokenHash = hashToken;

export interface ShopCustomer {
  email: string;
  name?: string;
}

/** Signs a customer token (what the shop does; used by tests and documented for integrators). */
export function signCustomerToken(
  secret: string,
  claims: { email: string; name?: string; exp: number },
): string {
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${body}.${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** The customer a shop token vouches for; 400 at `customer_token` when it is forged, malformed or expired. */
export function verifyCustomerToken(secret: string | null, token: string, now: Date): ShopCustomer {
  const bad = (why: string) => invalid('customer_token', why);
  if (secret === null) throw bad('this workspace accepts no customer tokens (no chat_identity secret)');
  const [body, mac, extra] = token.split('.');
  if (!body || !mac || extra !== undefined || !/^[0-9a-f]{64}$/.test(mac)) throw bad('is malformed');
  const expected = createHmac('sha256', secret).update(body).digest();
  if (!timingSafeEqual(expected, Buffer.from(mac, 'hex'))) throw bad('has a wrong signature');
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    throw bad('is malformed');
  }
  if (typeof claims !== 'object' || claims === null) throw bad('is malformed');
  const c = claims as Record<string, unknown>;
  if (typeof c.email !== 'string' || typeof c.exp !== 'number') throw bad('needs email and exp');
  if (c.exp * 1000 < now.getTime()) throw bad('has expired');
  const email = normalizeEmail(c.email, 'customer_token');
  return typeof c.name === 'string' && c.name.trim()
    ? { email, name: c.name.trim().slice(0, 200) }
    : { email };
}

/**
 * The signature of a webhook request: `X-Bfg2-Signature: t=<unix seconds>,v1=<hex>` where v1 is
 * HMAC-SHA256(secret, `${t}.${body}`) over the exact bytes of the body. Signing the timestamp with the
 * body lets a receiver refuse replays of an old request (verifyWebhookSignature's tolerance).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'X-Bfg2-Signature';
/** How old a signed timestamp may be (either way) before a receiver should refuse it. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

function hmacHex(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/** The X-Bfg2-Signature value for `body` sent at `timestamp` (unix seconds). */
export function signWebhookBody(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${hmacHex(secret, timestamp, body)}`;
}

export interface VerifyInput {
  secret: string;
  /** The X-Bfg2-Signature header as received. */
  header: string | undefined;
  /** The raw request body (not re-serialised JSON). */
  body: string;
  /** Unix seconds now; defaults to the clock. */
  nowSeconds?: number;
  toleranceSeconds?: number;
}

export type VerifyResult =
  { ok: true; timestamp: number } | { ok: false; reason: 'malformed' | 'expired' | 'mismatch' };

/**
 * Checks a received webhook: the header parses, its timestamp is within the tolerance, and one of its
 * v1 values is the HMAC of `${t}.${body}` (compared in constant time). Receivers can copy this function.
 */
export function verifyWebhookSignature(input: VerifyInput): VerifyResult {
  const parts = (input.header ?? '').split(',').map((p) => p.trim().split('='));
  const t = parts.find(([k]) => k === 't')?.[1];
  const candidates = parts.filter(([k, v]) => k === 'v1' && v !== undefined).map(([, v]) => v ?? '');
  const timestamp = t !== undefined && /^\d{1,12}$/.test(t) ? Number(t) : NaN;
  if (!Number.isSafeInteger(timestamp) || candidates.length === 0) return { ok: false, reason: 'malformed' };
  const now = input.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - timestamp) > (input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS)) {
    return { ok: false, reason: 'expired' };
  }
  const expected = Buffer.from(hmacHex(input.secret, timestamp, input.body), 'hex');
  const match = candidates.some((c) => {
    const given = /^[0-9a-f]{64}$/.test(c) ? Buffer.from(c, 'hex') : null;
    return given !== null && timingSafeEqual(given, expected);
  });
  return match ? { ok: true, timestamp } : { ok: false, reason: 'mismatch' };
}

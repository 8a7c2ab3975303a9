/**
 * The emailed survey links' credential: workspace, ticket and expiry, signed with the install's secret
 * (HMAC-SHA256). It rates that one ticket and nothing else, needs no login, and stops working when it
 * expires; a forged or altered token fails the signature check.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface SurveyClaims {
  workspaceId: number;
  ticketId: number;
  /** Unix seconds. */
  expires: number;
}

const sign = (secret: string, body: string) =>
  createHmac('sha256', secret).update(`survey.${body}`).digest('base64url');

export function surveyToken(secret: string, claims: SurveyClaims): string {
  const body = `${claims.workspaceId}.${claims.ticketId}.${claims.expires}`;
  return `${body}.${sign(secret, body)}`;
}

export type SurveyTokenCheck =
  { ok: true; claims: SurveyClaims } | { ok: false; reason: 'invalid' | 'expired' };

export function readSurveyToken(secret: string, token: string, now: Date): SurveyTokenCheck {
  const match = /^(\d{1,15})\.(\d{1,15})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return { ok: false, reason: 'invalid' };
  const [, ws, ticket, expires, signature] = match;
  const expected = Buffer.from(sign(secret, `${ws}.${ticket}.${expires}`));
  const given = Buffer.from(signature!);
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    return { ok: false, reason: 'invalid' };
  const claims = { workspaceId: Number(ws), ticketId: Number(ticket), expires: Number(expires) };
  if (claims.expires * 1000 < now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}

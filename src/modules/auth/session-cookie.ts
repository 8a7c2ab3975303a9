/** The HTTP side of sessions: the cookie (HttpOnly, SameSite=Lax, whole site, Secure behind https). */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from '../../platform/auth/authenticate.js';
import type { IssuedSession } from './sessions.js';

/** Sets the cookie of a new session; it expires with the session. */
export function setSessionCookie(reply: FastifyReply, session: IssuedSession, secure: boolean): void {
  void reply.setCookie(SESSION_COOKIE, session.token, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure,
    expires: session.expiresAt,
  });
}

/** Tells the browser to drop the session cookie. */
export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  void reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', path: '/', secure });
}

/** The User-Agent header, kept with the session for the user's own information; never trusted. */
export function userAgentOf(request: FastifyRequest): string {
  return request.headers['user-agent'] ?? '';
}

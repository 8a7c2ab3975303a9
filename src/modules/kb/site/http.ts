/** HTTP helpers of the help centre: HTML and XML answers with a validator, so repeat visits cost a 304. */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** How long browsers and proxies may keep each kind of page without asking again. */
export const CACHE = {
  /** Articles revalidate every time: each visit counts a view, and a changed article shows at once. */
  article: 'public, max-age=0, must-revalidate',
  listing: 'public, max-age=300',
  search: 'public, max-age=60',
  sitemap: 'public, max-age=3600',
  error: 'public, max-age=60',
  none: 'no-store',
} as const;

function etagOf(body: string): string {
  return `W/"${createHash('sha1').update(body).digest('base64url')}"`;
}

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = etag.replace(/^W\//, '');
  return ifNoneMatch
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .some((t) => t === '*' || t === bare);
}

/** Sends `body` with its ETag, or 304 when the client already has it. */
export function sendCached(
  request: FastifyRequest,
  reply: FastifyReply,
  body: string,
  options: { type: 'html' | 'xml'; cache: string; status?: number },
): FastifyReply {
  const etag = etagOf(body);
  void reply.header('Cache-Control', options.cache).header('ETag', etag);
  const status = options.status ?? 200;
  if (status === 200 && matches(request.headers['if-none-match'], etag)) return reply.status(304).send();
  return reply
    .status(status)
    .type(options.type === 'html' ? 'text/html; charset=utf-8' : 'application/xml; charset=utf-8')
    .send(body);
}

/**
 * True when a form POST came from another site. Browsers say so in Sec-Fetch-Site; without it, an
 * Origin of another host does. Origin "null" proves nothing (our own pages send it: their
 * Referrer-Policy is no-referrer), so it is judged by Sec-Fetch-Site alone.
 */
export function crossSite(request: FastifyRequest, publicUrl: string): boolean {
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string') return site === 'cross-site';
  const origin = request.headers.origin;
  if (!origin || origin === 'null') return false;
  try {
    const host = new URL(origin).host;
    return host !== request.host && host !== new URL(publicUrl).host;
  } catch {
    return true;
  }
}

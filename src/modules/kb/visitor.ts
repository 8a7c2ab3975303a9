/**
 * Visitors without cookies or stored IP addresses. A view is counted once per visitor and day under a
 * keyed hash of (workspace, IP, user agent) whose key is derived from the server secret and the date, so
 * yesterday's hashes cannot be linked to today's and none can be reversed without the secret. A vote
 * needs to be recognised later (one vote per visitor, changeable), so its hash uses a key without the
 * date; it still never stores the address.
 */
import { createHmac } from 'node:crypto';

export interface VisitorRequest {
  workspaceId: number;
  ip: string;
  userAgent: string;
}

export interface Visitor {
  /** Counts views: changes every day (UTC). */
  viewHash: string;
  /** Recognises votes: stable. */
  voteHash: string;
  /** 'YYYY-MM-DD' (UTC) of the view. */
  day: string;
  /** Crawlers and link previews are served but not counted. */
  isBot: boolean;
}

const BOT = /bot|crawl|spider|slurp|preview|fetch|monitor|headless|curl|wget|python-requests|scrapy/i;

function keyedHash(secret: string, purpose: string, value: string): string {
  const key = createHmac('sha256', secret).update(purpose).digest();
  return createHmac('sha256', key).update(value).digest('hex');
}

export function identifyVisitor(secret: string, request: VisitorRequest, now: Date): Visitor {
  const day = now.toISOString().slice(0, 10);
  const identity = `${request.workspaceId}\n${request.ip}\n${request.userAgent}`;
  return {
    viewHash: keyedHash(secret, `kb-view:${day}`, identity),
    voteHash: keyedHash(secret, 'kb-vote', identity),
    day,
    isBot: request.userAgent === '' || BOT.test(request.userAgent),
  };
}

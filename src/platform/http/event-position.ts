/**
 * X-Event-Position on every API read: where the event log stood (this process's live feed) before the
 * request was answered. A page that opens its event stream after reading — the desk's first inbox page
 * comes before its stream — resumes the stream from the earliest position its answers named
 * (`last_event_id`), so a ticket created between the read and the stream's opening still reaches it.
 * Read before the handler runs: every event at or before the position was committed before the answer's
 * statements began, so the answer includes it; anything later is replayed (at worst once more than needed).
 * Only for a signed-in caller (the position counts every workspace's events, so it says nothing to an
 * anonymous visitor), and no header while the feed has not started (a process that has served no stream
 * yet, in tests). After authentication (an onRequest hook), before the handler.
 */
import type { FastifyInstance } from 'fastify';
import { encodePosition } from '../events/log.js';
import type { Realtime } from '../events/realtime.js';

export const EVENT_POSITION_HEADER = 'x-event-position';

export function registerEventPosition(app: FastifyInstance, realtime: Realtime): void {
  app.addHook('preHandler', (request, reply, done) => {
    const feed = realtime.runningFeed();
    if (feed && request.principal && request.method === 'GET' && request.url.startsWith('/api/')) {
      reply.header(EVENT_POSITION_HEADER, encodePosition(feed.position()));
    }
    done();
  });
}

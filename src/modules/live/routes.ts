/**
 * GET /api/support/events/stream (Server-Sent Events) and PUT /api/support/tickets/{id}/presence.
 * One hub per app (this process): its streams are fed by the process's live feed.
 */
import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, type Registry } from 'prom-client';
import { inWorkspace } from '../../db/tenant.js';
import { staffOf, workspaceOf } from '../../platform/auth/access.js';
import type { AppDeps } from '../../platform/deps.js';
import { invalid } from '../../platform/errors.js';
import { parsePosition, type Position } from '../../platform/events/log.js';
import { SseStream } from '../../platform/http/sse.js';
import { loadVisibleTicket, ticketActorOf, ticketParams } from '../tickets/index.js';
import type { Viewer } from './event-views.js';
import { LiveHub } from './hub.js';
import { PresenceBoard, presentPresence, type PresenceState } from './presence.js';
import { presenceBody, presenceResponse, STREAM_DESCRIPTION, streamQuery, streamResponse } from './schema.js';

export interface LiveOptions {
  deps: AppDeps;
  /** Where the stream gauges go; null when /metrics is off (METRICS_TOKEN unset). */
  metrics: Registry | null;
  /** Per-stream bytes waiting for a slow client before it is dropped (default 1 MiB). */
  maxBufferBytes?: number;
  heartbeatMs?: number;
}

/**
 * Where a stream resumes: the Last-Event-ID header first — EventSource sends it when it reconnects, with
 * the last id it received, while its URL still carries the `last_event_id` it was opened with (the
 * position of the page's first answers, X-Event-Position) — else the query.
 */
function resumeFrom(header: string | string[] | undefined, query: string | undefined): Position | null {
  const fromHeader = Array.isArray(header) ? header[0] : header;
  const raw = fromHeader !== undefined && fromHeader !== '' ? fromHeader : query;
  if (raw === undefined || raw === '') return null;
  const p = parsePosition(raw);
  if (!p) throw invalid('last_event_id', 'not an event id of this stream');
  return p;
}

export async function liveRoutes(app: FastifyInstance, opts: LiveOptions): Promise<void> {
  const { deps } = opts;
  // Started by the first stream or presence call (a web process has the feed running from boot).
  let live: Promise<{ hub: LiveHub; presence: PresenceBoard }> | null = null;
  const started = () =>
    (live ??= (async () => {
      const hub = new LiveHub(deps.db, await deps.realtime.feed(), deps.log);
      const board = new PresenceBoard(await deps.realtime.notifications(), hub, deps.log, deps.now);
      return { hub, presence: board };
    })());
  let open = 0;
  new Gauge({
    name: 'sse_connections',
    help: 'Open event streams of this process',
    registers: opts.metrics ? [opts.metrics] : [],
    collect() {
      this.set(open);
    },
  });
  const dropped = new Counter({
    name: 'sse_dropped_total',
    help: 'Event streams disconnected because the client did not read',
    registers: opts.metrics ? [opts.metrics] : [],
  });
  // Before the server waits for its connections to end: streams never end by themselves.
  app.addHook('preClose', async () => {
    const running = await live?.catch(() => null);
    running?.presence.close();
    running?.hub.close();
  });

  app.get<{ Querystring: { last_event_id?: string } }>(
    '/api/support/events/stream',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['events'],
        summary: 'Live stream of committed events (Server-Sent Events)',
        description: STREAM_DESCRIPTION,
        querystring: streamQuery,
        response: { 200: streamResponse },
      },
    },
    async (request, reply) => {
      const ws = workspaceOf(request);
      const principal = request.principal;
      if (!principal) throw new Error('unreachable: the route requires a principal');
      const from = resumeFrom(request.headers['last-event-id'], request.query.last_event_id);
      const viewer: Viewer =
        principal.kind === 'staff'
          ? { kind: 'staff', userId: principal.userId }
          : { kind: 'customer', customerId: principal.customerId };
      const { hub } = await started();
      reply.hijack();
      open += 1;
      const stream = new SseStream(reply.raw, {
        maxBufferBytes: opts.maxBufferBytes ?? 1024 * 1024,
        heartbeatMs: opts.heartbeatMs ?? 15_000,
        onClose(reason) {
          open -= 1;
          hub.disconnect(stream);
          if (reason === 'dropped') {
            dropped.inc();
            request.log.info({ workspaceId: ws.id }, 'dropped an event stream that did not read');
          }
        },
      });
      await hub.connect({ workspaceId: ws.id, viewer, stream }, from);
    },
  );

  app.put<{ Params: { id: string }; Body: { state: PresenceState } }>(
    '/api/support/tickets/:id/presence',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['tickets'],
        summary: 'Announce that you view or type on a ticket (to the other agents, for 30 s)',
        params: ticketParams,
        body: presenceBody,
        response: { 200: presenceResponse },
      },
    },
    async (request) => {
      const ws = workspaceOf(request);
      const staff = staffOf(request);
      const ticket = await inWorkspace(deps.db, ws.id, (tx) =>
        loadVisibleTicket(tx, ws.id, request.params.id, ticketActorOf(staff)),
      );
      const { presence } = await started();
      const you = await presence.announce({
        workspace_id: ws.id,
        ticket_id: ticket.id,
        user: { id: staff.userId, name: staff.name || staff.email },
        state: request.body.state,
      });
      const others = presence.on(ws.id, ticket.id, staff.userId).map(presentPresence);
      return { you: presentPresence(you), others };
    },
  );
}

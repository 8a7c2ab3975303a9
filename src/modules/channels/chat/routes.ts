/**
 * Live chat over HTTP and WebSocket: availability, start, transcript by email, the desk's list of open
 * chats, the socket (socket.ts) and the embeddable /widget.js.
 */
import { readFile } from 'node:fs/promises';
import websocket from '@fastify/websocket';
import type { FastifyInstance } from 'fastify';
import { inWorkspace } from '../../../db/tenant.js';
import { workspaceOf } from '../../../platform/auth/access.js';
import type { AppDeps } from '../../../platform/deps.js';
import { AppError } from '../../../platform/errors.js';
import type { TicketHooks } from '../../tickets/index.js';
import { loadChannelSettings } from '../settings/channel-settings.js';
import { chatAvailability } from './availability.js';
import { ChatHub } from './hub.js';
import { findConversationByToken, openConversations } from './repository.js';
import * as s from './schema.js';
import { sendTranscript } from './send-transcript.js';
import { handleChatSocket } from './socket.js';
import { startChat, type StartChatInput } from './start-chat.js';
import { visitorTokenHash } from './tokens.js';

export interface ChatRouteOptions {
  deps: AppDeps;
  hooks: TicketHooks;
  /** The built widget (npm run build: dist/widget.js); /widget.js answers 404 without it. */
  widgetFile: string;
  /** Called with this app's hub once started (benchmarks read its size). */
  onHub?: (hub: ChatHub) => void;
}

export async function chatRoutes(app: FastifyInstance, opts: ChatRouteOptions): Promise<void> {
  const { deps, hooks } = opts;
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  let hub: Promise<ChatHub> | null = null;
  const started = () =>
    (hub ??= (async () => {
      const h = new ChatHub(
        deps.db,
        await deps.realtime.feed(),
        await deps.realtime.notifications(),
        deps.log,
      );
      opts.onHub?.(h);
      return h;
    })());
  app.addHook('preClose', async () => {
    (await hub?.catch(() => null))?.close();
  });

  // The widget runs on other sites: its three public calls answer any origin (no cookies are involved;
  // the visitor token travels in X-Chat-Token).
  const PUBLIC_CALLS = new Set([
    '/api/support/chat/availability',
    '/api/support/chat/start',
    '/api/support/chat/transcript',
  ]);
  app.addHook('onSend', async (request, reply) => {
    if (PUBLIC_CALLS.has(request.url.split('?')[0] ?? '')) reply.header('access-control-allow-origin', '*');
  });
  app.options<{ Params: { call: string } }>(
    '/api/support/chat/:call',
    { config: { access: 'public', noPrincipal: true }, schema: { hide: true } },
    (_request, reply) =>
      reply
        .status(204)
        .header('access-control-allow-methods', 'GET, POST')
        .header('access-control-allow-headers', 'content-type, x-chat-token')
        .header('access-control-max-age', '600')
        .send(),
  );

  app.get(
    '/api/support/chat/availability',
    {
      config: { access: 'public' },
      schema: {
        tags: s.TAGS,
        summary: 'Whether agents can chat now, and the expected wait',
        response: { 200: s.availabilitySchema },
      },
    },
    (request) => {
      const ws = workspaceOf(request);
      return inWorkspace(deps.db, ws.id, async (tx) =>
        chatAvailability(tx, ws.id, await loadChannelSettings(tx, ws.id)),
      );
    },
  );

  app.post<{ Body: StartChatInput }>(
    '/api/support/chat/start',
    {
      config: { access: 'public' },
      schema: {
        tags: s.TAGS,
        summary: 'Start a chat (a ticket with channel chat); answers the visitor token',
        description: `Name and email, or the shop’s signed customer_token. With nobody available the chat goes on by email (status \`email\`). ${s.SOCKET_DOCS}`,
        body: s.startChatBody,
        response: { 201: s.startedChatSchema },
      },
    },
    async (request, reply) => {
      const ws = workspaceOf(request);
      if (request.principal?.kind === 'staff')
        throw new AppError('FORBIDDEN', 'chats are started by visitors');
      const started = await inWorkspace(deps.db, ws.id, (tx) =>
        startChat({ tx, workspace: ws, now: deps.now(), hooks, jobs: deps.jobs }, request.body),
      );
      return reply.status(201).send({
        token: started.token,
        conversation_id: started.conversation.id,
        ticket_number: started.ticketNumber,
        status: started.conversation.status,
        identified: started.conversation.identified,
        availability: started.availability,
      });
    },
  );

  app.post<{ Headers: { 'x-chat-token': string } }>(
    '/api/support/chat/transcript',
    {
      config: { access: 'public' },
      schema: {
        tags: s.TAGS,
        summary: 'Mail the chat’s transcript to the visitor (X-Chat-Token)',
        headers: s.chatTokenHeaders,
        response: { 202: s.transcriptSchema },
      },
    },
    async (request, reply) => {
      const ws = workspaceOf(request);
      const sent = await inWorkspace(deps.db, ws.id, async (tx) => {
        const conv = await findConversationByToken(
          tx,
          ws.id,
          visitorTokenHash(request.headers['x-chat-token']),
        );
        if (!conv) throw new AppError('NOT_AUTHENTICATED', 'unknown chat token');
        return sendTranscript({ tx, jobs: deps.jobs }, conv);
      });
      return reply.status(202).send({ sent_to: sent.to, lines: sent.lines });
    },
  );

  app.get(
    '/api/support/chat/conversations/',
    {
      config: { access: 'staff' },
      schema: {
        tags: s.TAGS,
        summary: 'Open chats of the workspace (waiting, offered, active), oldest first',
        response: { 200: s.conversationListSchema },
      },
    },
    async (request) => {
      const ws = workspaceOf(request);
      const rows = await inWorkspace(deps.db, ws.id, (tx) => openConversations(tx, ws.id));
      return {
        results: rows.map((r) => ({
          id: r.id,
          ticket_id: r.ticket_id,
          ticket_number: r.ticket_number,
          subject: r.subject,
          status: r.status,
          offered_to: r.offered_to_id,
          accepted_by: r.accepted_by_id,
          language: r.language,
          identified: r.identified,
          customer: { name: r.customer_name, email: r.customer_email },
          created_at: r.created_at.toISOString(),
        })),
      };
    },
  );

  app.get(
    '/api/support/chat/socket',
    { websocket: true, config: { access: 'public' }, schema: { hide: true } },
    (socket, request) => {
      handleChatSocket({ db: deps.db, hub: started(), hooks, now: deps.now, log: deps.log }, socket, request);
    },
  );

  app.get('/widget.js', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) => {
    let body: Buffer;
    try {
      body = await readFile(opts.widgetFile);
    } catch {
      throw new AppError('NOT_FOUND', 'the widget is not built (npm run build)');
    }
    return reply
      .header('content-type', 'text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=300')
      .header('cross-origin-resource-policy', 'cross-origin')
      .send(body);
  });
}

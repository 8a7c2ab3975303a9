/**
 * One chat WebSocket (GET /api/support/chat/socket?workspace=<slug>): a visitor, who must send
 * `{type:"auth", token, after?}` first (the token from POST /api/support/chat/start), or a staff member,
 * authenticated by session cookie (same origin only) or bearer token at the upgrade. Frames of one socket
 * are handled one after the other, in order.
 */
import type { FastifyRequest } from 'fastify';
import type { Database } from '../../../db/client.js';
import { inWorkspace } from '../../../db/tenant.js';
import { AppError } from '../../../platform/errors.js';
import type { Logger } from '../../../platform/logger.js';
import type { TicketHooks } from '../../tickets/index.js';
import { parseClientFrame, type ClientFrame } from './frames.js';
import type { ChatHub, ChatSocket, Peer } from './hub.js';
import { endChat, postAgentLine, postVisitorLine, type LineContext } from './post-line.js';
import { findConversationByTicket, findConversationByToken, transcript } from './repository.js';
import { visitorTokenHash } from './tokens.js';

export const AUTH_TIMEOUT_MS = 10_000;

export interface SocketDeps {
  db: Database;
  /** The process's hub (started on the first socket; frames wait for it). */
  hub: Promise<ChatHub>;
  hooks: TicketHooks;
  now: () => Date;
  log: Logger;
}

interface WsLike extends ChatSocket {
  on(event: 'message', fn: (data: Buffer | ArrayBuffer | Buffer[]) => void): void;
  on(event: 'close', fn: () => void): void;
}

function text(data: Buffer | ArrayBuffer | Buffer[]): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data as ArrayBuffer).toString('utf8');
}

/** Same-origin check for cookie-authenticated staff (a cross-site page cannot ride the cookie). */
function sameOrigin(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (!origin) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

export function handleChatSocket(deps: SocketDeps, socket: WsLike, request: FastifyRequest): void {
  const ws = request.workspace;
  const principal = request.principal;
  if (!ws) {
    socket.close(4400, 'name the workspace with ?workspace=');
    return;
  }
  const ctx = (tx: LineContext['tx']): LineContext => ({
    tx,
    workspace: ws,
    now: deps.now(),
    hooks: deps.hooks,
  });
  let peer: Peer | null = null;
  let customerName = '';
  if (principal?.kind === 'staff' && principal.via === 'session' && !sameOrigin(request)) {
    socket.close(4403, 'cross-origin');
    return;
  }
  let hub!: ChatHub;
  // Frames are queued behind the hub's start, so none is lost while it starts.
  let chain: Promise<void> = deps.hub.then((h) => {
    hub = h;
    if (principal?.kind !== 'staff') return;
    peer = {
      kind: 'staff',
      socket,
      workspaceId: ws.id,
      userId: principal.userId,
      name: principal.name || principal.email,
    };
    hub.add(peer);
    hub.send(peer, { type: 'ready', user_id: principal.userId });
  });
  const authTimer =
    principal?.kind === 'staff'
      ? null
      : setTimeout(() => {
          if (!peer) socket.close(4401, 'send {"type":"auth","token":…} first');
        }, AUTH_TIMEOUT_MS);

  const fail = (err: unknown, clientId?: string) => {
    const frame =
      err instanceof AppError
        ? { type: 'error' as const, code: err.code, message: err.message }
        : { type: 'error' as const, code: 'INTERNAL', message: 'something went wrong' };
    if (!(err instanceof AppError)) deps.log.error({ err }, 'chat frame failed');
    const payload = JSON.stringify(clientId !== undefined ? { ...frame, client_id: clientId } : frame);
    if (socket.readyState === 1) socket.send(payload);
  };

  const authenticate = async (f: Extract<ClientFrame, { type: 'auth' }>) => {
    const conv = await inWorkspace(deps.db, ws.id, (tx) =>
      findConversationByToken(tx, ws.id, visitorTokenHash(f.token)),
    );
    if (!conv) {
      socket.close(4401, 'unknown chat token');
      return;
    }
    if (authTimer) clearTimeout(authTimer);
    const visitor: Peer = {
      kind: 'visitor',
      socket,
      workspaceId: ws.id,
      conversationId: conv.id,
      ticketId: conv.ticket_id,
      sent: new Set(),
    };
    peer = visitor;
    // Registered before the backlog is read: a line committed meanwhile comes live or from the backlog.
    hub.add(visitor);
    const facts = await inWorkspace(deps.db, ws.id, async (tx) => ({
      ticket: await tx
        .selectFrom('support_tickets as t')
        .innerJoin('customers as c', (j) =>
          j.onRef('c.workspace_id', '=', 't.workspace_id').onRef('c.id', '=', 't.customer_id'),
        )
        .select(['t.ticket_number', 't.description', 'c.name', 'c.email'])
        .where('t.workspace_id', '=', ws.id)
        .where('t.id', '=', conv.ticket_id)
        .executeTakeFirstOrThrow(),
      lines: await transcript(tx, ws.id, conv.ticket_id, { afterId: f.after ?? 0, publicOnly: true }),
    }));
    customerName = facts.ticket.name || facts.ticket.email;
    hub.send(visitor, {
      type: 'ready',
      conversation_id: conv.id,
      ticket_id: conv.ticket_id,
      ticket_number: facts.ticket.ticket_number,
      status: conv.status,
      first_message: facts.ticket.description,
    });
    hub.sendLines(
      visitor,
      facts.lines.map((l) => ({ ...l, conversation_id: conv.id })),
    );
  };

  const conversationOf = async (ticketId: number | undefined) => {
    if (ticketId === undefined) throw new AppError('VALIDATION_FAILED', 'ticket_id is required');
    const conv = await inWorkspace(deps.db, ws.id, (tx) => findConversationByTicket(tx, ws.id, ticketId));
    if (!conv) throw new AppError('NOT_FOUND', 'no chat on this ticket');
    return conv;
  };

  const handle = async (f: ClientFrame) => {
    if (f.type === 'ping') {
      if (peer) hub.send(peer, { type: 'pong' });
      return;
    }
    if (!peer) {
      if (f.type === 'auth') await authenticate(f);
      else socket.close(4401, 'send {"type":"auth","token":…} first');
      return;
    }
    const p = peer;
    if (p.kind === 'visitor') {
      switch (f.type) {
        case 'message': {
          const posted = await inWorkspace(deps.db, ws.id, (tx) =>
            postVisitorLine(ctx(tx), p.conversationId, { clientId: f.client_id, text: f.text }),
          );
          hub.send(p, { type: 'ack', client_id: f.client_id, id: posted.messageId, ticket_id: p.ticketId });
          return;
        }
        case 'typing':
          await hub.typing({
            workspace_id: ws.id,
            ticket_id: p.ticketId,
            who: 'visitor',
            user_id: null,
            name: customerName,
            typing: f.typing,
          });
          return;
        case 'end':
          await inWorkspace(deps.db, ws.id, (tx) => endChat(ctx(tx), p.conversationId));
          return;
        default:
          throw new AppError('FORBIDDEN', `${f.type} is not for visitors`);
      }
    }
    if (principal?.kind !== 'staff') return;
    const agent = { userId: principal.userId, role: principal.role, via: principal.via };
    switch (f.type) {
      case 'message': {
        const conv = await conversationOf(f.ticket_id);
        const posted = await inWorkspace(deps.db, ws.id, (tx) =>
          postAgentLine(ctx(tx), conv.id, agent, { clientId: f.client_id, text: f.text }),
        );
        hub.send(p, { type: 'ack', client_id: f.client_id, id: posted.messageId, ticket_id: conv.ticket_id });
        return;
      }
      case 'typing': {
        const conv = await conversationOf(f.ticket_id);
        await hub.typing({
          workspace_id: ws.id,
          ticket_id: conv.ticket_id,
          who: 'agent',
          user_id: p.userId,
          name: p.kind === 'staff' ? p.name : '',
          typing: f.typing,
        });
        return;
      }
      case 'history': {
        const conv = await conversationOf(f.ticket_id);
        const lines = await inWorkspace(deps.db, ws.id, (tx) =>
          transcript(tx, ws.id, conv.ticket_id, { afterId: f.after ?? 0, publicOnly: false }),
        );
        hub.sendLines(
          p,
          lines.map((l) => ({ ...l, conversation_id: conv.id })),
        );
        return;
      }
      case 'end': {
        const conv = await conversationOf(f.ticket_id);
        await inWorkspace(deps.db, ws.id, (tx) => endChat(ctx(tx), conv.id));
        return;
      }
      case 'auth':
        return;
    }
  };

  socket.on('message', (data) => {
    const f = parseClientFrame(text(data));
    chain = chain.then(async () => {
      if (!f) return fail(new AppError('VALIDATION_FAILED', 'not a chat frame'));
      try {
        await handle(f);
      } catch (err) {
        fail(err, f.type === 'message' ? f.client_id : undefined);
      }
    });
  });
  socket.on('close', () => {
    if (authTimer) clearTimeout(authTimer);
    chain = chain.then(() => {
      if (peer) hub.remove(peer);
    });
  });
}

/**
 * A chat line: a ticket message, once per client id. The client (widget or desk) gives each line its own
 * id and sends it again after a reconnect until it is acknowledged; the same id returns the message it
 * became and writes nothing. Lines of one conversation are taken one at a time (the conversation row is
 * locked), so two sends of one id at once make one message too.
 * - The visitor's lines go through the one intake (receiveInbound, external id `chat:<conv>:<client id>`).
 * - An agent's line is a public reply; the first one answers the chat (status active, accepted_by).
 */
import type { ChatConversation, SupportTicketMessage } from '../../../db/schema.js';
import type { Tx } from '../../../db/tenant.js';
import { AppError, invalid, notFound } from '../../../platform/errors.js';
import { replyToTicket } from '../../messages/index.js';
import type { TicketHooks } from '../../tickets/index.js';
import { receiveInbound } from '../intake/receive-inbound.js';
import { recordChatStatus } from './offer-chat.js';
import { findLine, insertLine, lockConversation, setConversation } from './repository.js';

export const MAX_LINE_LENGTH = 5000;
const CLIENT_ID = /^[A-Za-z0-9_-]{1,64}$/;

export interface LineContext {
  tx: Tx;
  workspace: { id: number; default_priority: string };
  now: Date;
  hooks: TicketHooks;
}

export interface PostedLine {
  messageId: number;
  /** False when the client id was sent before (nothing was written). */
  created: boolean;
  conversation: ChatConversation;
}

function checkLine(clientId: string, text: string): string {
  if (!CLIENT_ID.test(clientId)) throw invalid('client_id', 'must be 1–64 letters, digits, - or _');
  const body = text.trim();
  if (!body) throw invalid('text', 'must not be empty');
  if (body.length > MAX_LINE_LENGTH) throw invalid('text', `must be at most ${MAX_LINE_LENGTH} characters`);
  return body;
}

async function locked(ctx: LineContext, conversationId: number): Promise<ChatConversation> {
  const conv = await lockConversation(ctx.tx, ctx.workspace.id, conversationId);
  if (!conv) throw notFound('conversation');
  return conv;
}

export async function postVisitorLine(
  ctx: LineContext,
  conversationId: number,
  line: { clientId: string; text: string },
): Promise<PostedLine> {
  const text = checkLine(line.clientId, line.text);
  const conv = await locked(ctx, conversationId);
  const key = `v:${line.clientId}`;
  const known = await findLine(ctx.tx, ctx.workspace.id, conv.id, key);
  if (known !== undefined) return { messageId: known, created: false, conversation: conv };
  if (conv.status === 'ended') throw new AppError('RULE_VIOLATION', 'this chat has ended');
  const customer = await ctx.tx
    .selectFrom('customers')
    .select(['email', 'name'])
    .where('workspace_id', '=', ctx.workspace.id)
    .where('id', '=', conv.customer_id)
    .executeTakeFirstOrThrow();
  const received = await receiveInbound(
    { tx: ctx.tx, workspace: ctx.workspace, now: ctx.now, hooks: ctx.hooks },
    {
      channel: 'chat',
      actor: { kind: 'channel' },
      externalId: `chat:${conv.id}:${line.clientId}`,
      from: { email: customer.email },
      thread: { ticket: conv.ticket_id, message: text },
    },
  );
  const message = received.message as SupportTicketMessage;
  await insertLine(ctx.tx, {
    workspaceId: ctx.workspace.id,
    conversationId: conv.id,
    clientId: key,
    messageId: message.id,
    now: ctx.now,
  });
  return { messageId: message.id, created: true, conversation: conv };
}

export async function postAgentLine(
  ctx: LineContext,
  conversationId: number,
  agent: { userId: number; role: 'admin' | 'agent'; via: 'session' | 'token' },
  line: { clientId: string; text: string },
): Promise<PostedLine> {
  const text = checkLine(line.clientId, line.text);
  let conv = await locked(ctx, conversationId);
  const key = `u${agent.userId}:${line.clientId}`;
  const known = await findLine(ctx.tx, ctx.workspace.id, conv.id, key);
  if (known !== undefined) return { messageId: known, created: false, conversation: conv };
  const reply = await replyToTicket(
    {
      tx: ctx.tx,
      workspaceId: ctx.workspace.id,
      actor: { kind: 'staff', ...agent },
      now: ctx.now,
      hooks: ctx.hooks,
    },
    conv.ticket_id,
    { message: text },
  );
  await insertLine(ctx.tx, {
    workspaceId: ctx.workspace.id,
    conversationId: conv.id,
    clientId: key,
    messageId: reply.message.id,
    now: ctx.now,
  });
  if (conv.status === 'waiting' || conv.status === 'offered') {
    conv = await setConversation(ctx.tx, ctx.workspace.id, conv.id, {
      status: 'active',
      accepted_by_id: agent.userId,
      accepted_at: ctx.now,
    });
    await recordChatStatus(ctx.tx, conv, 'active', agent.userId);
  }
  return { messageId: reply.message.id, created: true, conversation: conv };
}

/** The visitor or an agent ends the chat; the ticket stays as it is. */
export async function endChat(ctx: LineContext, conversationId: number): Promise<ChatConversation> {
  const conv = await locked(ctx, conversationId);
  if (conv.status === 'ended') return conv;
  const next = await setConversation(ctx.tx, ctx.workspace.id, conv.id, {
    status: 'ended',
    ended_at: ctx.now,
  });
  await recordChatStatus(ctx.tx, next, 'ended', null);
  return next;
}
